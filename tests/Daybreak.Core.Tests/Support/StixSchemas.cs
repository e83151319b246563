using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Daybreak.Tests.Support;

/// <summary>The OASIS STIX 2.1 JSON schemas from ../shared/specs, loaded once into their own registry.</summary>
internal sealed class StixSchemas
{
    private static readonly Lazy<StixSchemas> Instance = new(() => new StixSchemas(Corpus.Require("specs/stix2.1/schemas")));

    private readonly Dictionary<string, JsonSchema> _byType = new(StringComparer.Ordinal);
    private readonly EvaluationOptions _options = new() { OutputFormat = OutputFormat.List };

    private StixSchemas(string root)
    {
        // Schemas $ref each other by relative path against their $id; build each once, in an order where what it
        // refers to is already built, retrying the ones whose references are not yet there.
        var build = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var pending = Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        while (pending.Count > 0)
        {
            var failed = new List<string>();
            Exception? last = null;
            foreach (var file in pending)
            {
                try
                {
                    var schema = JsonSchema.FromText(File.ReadAllText(file), build);
                    _byType[Path.GetRelativePath(root, file).Replace('\\', '/')] = schema;
                }
                catch (RefResolutionException ex)
                {
                    failed.Add(file);
                    last = ex;
                }
            }
            if (failed.Count == pending.Count) throw new InvalidOperationException("STIX schemas have unresolvable references", last);
            pending = failed;
        }
    }

    /// <summary>Skips (fails on CI) when the shared specs are absent.</summary>
    public static StixSchemas Load() => Instance.Value;

    /// <summary>Errors of <paramref name="json"/> against the schema at <paramref name="relativePath"/> (e.g. common/bundle.json).</summary>
    public IReadOnlyList<string> Errors(string relativePath, JsonNode? json)
    {
        using var doc = JsonDocument.Parse(json?.ToJsonString() ?? "null");
        var result = _byType[relativePath].Evaluate(doc.RootElement, _options);
        if (result.IsValid) return [];
        return (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}")).Take(20).DefaultIfEmpty("invalid").ToList();
    }

    /// <summary>The schema file of one STIX object type, or null for a type the specification does not define.</summary>
    public string? SchemaOf(string type)
    {
        foreach (var folder in new[] { "sdos", "sros", "observables", "common" })
        {
            var path = $"{folder}/{type}.json";
            if (_byType.ContainsKey(path)) return path;
        }
        return null;
    }
}
