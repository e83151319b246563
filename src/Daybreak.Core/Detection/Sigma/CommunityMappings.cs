using Daybreak.Events;
using Daybreak.Rules.Sigma;
using YamlDotNet.RepresentationModel;

namespace Daybreak.Detection.Sigma;

/// <summary>
/// The mapping files of a mappings/ folder: one <see cref="SigmaMappingFile"/> per log family, and the log sources
/// declared not ingested (logsources.yml). A bad file is reported in <see cref="Errors"/>, never thrown.
/// </summary>
public sealed class CommunityMappings
{
    private readonly Dictionary<SourceKind, SigmaMappingFile> _bySource;

    public CommunityMappings(IEnumerable<SigmaMappingFile> files, IEnumerable<NotIngestedSource>? notIngested = null, IEnumerable<string>? errors = null)
    {
        Files = files.ToArray();
        _bySource = Files.GroupBy(f => f.Source).ToDictionary(g => g.Key, g => g.First());
        NotIngested = notIngested?.ToArray() ?? [];
        Errors = errors?.ToArray() ?? [];
    }

    public IReadOnlyList<SigmaMappingFile> Files { get; }

    public IReadOnlyList<NotIngestedSource> NotIngested { get; }

    /// <summary>Files that could not be read, as file:line:column: reason.</summary>
    public IReadOnlyList<string> Errors { get; }

    public SigmaMappingFile? ForSource(SourceKind source) => _bySource.GetValueOrDefault(source);

    /// <summary>The mapping that serves a rule's log source, if any.</summary>
    public SigmaMappingFile? ForRule(SigmaLogSource ruleSource) => Files.FirstOrDefault(f => f.Serves(ruleSource));

    /// <summary>Why Daybreak has no data for a rule's log source, or null.</summary>
    public NotIngestedSource? NotIngestedFor(SigmaLogSource ruleSource) => NotIngested.FirstOrDefault(n =>
        string.Equals(n.Product, ruleSource.Product, StringComparison.OrdinalIgnoreCase) &&
        (n.Service is null || string.Equals(n.Service, ruleSource.Service, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Reads every *.yml in <paramref name="directory"/>: logsources.yml for not-ingested sources, the rest as mapping files.</summary>
    public static CommunityMappings Load(string directory)
    {
        var files = new List<SigmaMappingFile>();
        var notIngested = new List<NotIngestedSource>();
        var errors = new List<string>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.yml").Order(StringComparer.Ordinal))
        {
            try
            {
                if (Path.GetFileName(path) == LogSourcesFile) notIngested.AddRange(ParseNotIngested(File.ReadAllText(path), path));
                else files.Add(SigmaMappingFile.LoadFile(path));
            }
            catch (FormatException ex)
            {
                errors.Add(ex.Message);
            }
        }
        var duplicates = files.GroupBy(f => f.Source).Where(g => g.Count() > 1);
        foreach (var d in duplicates) errors.Add($"{string.Join(", ", d.Select(f => f.Name))}: several mappings for source {d.Key.Name()}; {d.First().Name} is used");
        return new CommunityMappings(files, notIngested, errors);
    }

    public const string LogSourcesFile = "logsources.yml";

    private static IEnumerable<NotIngestedSource> ParseNotIngested(string yaml, string name)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new FormatException($"{name}:{ex.Start.Line}:{ex.Start.Column}: {ex.Message}", ex);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root) yield break;
        if (!root.Children.TryGetValue(new YamlScalarNode("not_ingested"), out var list)) yield break;
        if (list is not YamlSequenceNode seq) throw new FormatException($"{name}:{list.Start.Line}:{list.Start.Column}: 'not_ingested' must be a list");
        foreach (var item in seq.Children.OfType<YamlMappingNode>())
        {
            string? Get(string key) => item.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;
            yield return new NotIngestedSource(Get("product"), Get("service"), Get("reason") ?? "not ingested");
        }
    }
}

/// <summary>A Sigma log source (product, optional service) Daybreak has no data for, and why.</summary>
public sealed record NotIngestedSource(string? Product, string? Service, string Reason);
