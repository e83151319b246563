using System.Text;
using System.Text.Json;
using Daybreak.Rules.Sigma;

namespace Daybreak.Tests.Rules.Sigma.Support;

/// <summary>Helpers for inline rule/event table tests (hayabusa's check_select).</summary>
internal static class SigmaTestKit
{
    public static SigmaEngine Engine(string yaml, IReadOnlyDictionary<string, IReadOnlyList<string>>? placeholders = null)
    {
        var builder = SigmaEngine.CreateBuilder().AddYaml(yaml, "inline.yml");
        if (placeholders is not null) builder.WithPlaceholders(placeholders);
        var engine = builder.Build();
        Assert.True(engine.Report.Failed == 0, "rule failed to load: " + string.Join("; ", engine.Report.Errors));
        return engine;
    }

    /// <summary>True when the (single) rule in <paramref name="ruleYaml"/> matches <paramref name="eventJson"/>.</summary>
    public static bool Matches(string ruleYaml, string eventJson, IReadOnlyDictionary<string, IReadOnlyList<string>>? placeholders = null)
    {
        var engine = Engine(ruleYaml, placeholders);
        return engine.EvaluateAll(JsonSigmaEvent.Parse(eventJson)).Count > 0;
    }

    /// <summary>A rule with one selection item, e.g. Selection("CommandLine|contains: foo").</summary>
    public static string Rule(string detectionBody, string condition = "selection") => $"""
        title: inline test rule
        id: 00000000-0000-0000-0000-000000000001
        logsource:
            product: test
        detection:
        {Indent(detectionBody)}
            condition: {condition}
        level: high
        """;

    private static string Indent(string body) =>
        string.Join('\n', body.Replace("\r", "").Split('\n').Select(l => "    " + l));

    /// <summary>Reads a file holding one or more concatenated JSON values.</summary>
    public static List<JsonElement> ReadJsonValues(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip });
        var values = new List<JsonElement>();
        while (reader.Read())
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            values.Add(doc.RootElement.Clone());
        }
        return values;
    }

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
