using YamlDotNet.RepresentationModel;

namespace Daybreak.Rules.Sigma;

/// <summary>
/// Sigma field name -> candidate paths in the log, tried in order, so that one rule resolves against several log
/// shapes. Loaded from YAML data: <c>fields: { SigmaName: [path1, path2] }</c> (a single path may be a plain string).
/// </summary>
public sealed class SigmaFieldMapping
{
    private readonly Dictionary<string, string[]> _fields;

    public SigmaFieldMapping(IReadOnlyDictionary<string, IReadOnlyList<string>> fields, bool passThroughUnmapped = true)
    {
        _fields = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, paths) in fields) _fields[name] = paths.ToArray();
        PassThroughUnmapped = passThroughUnmapped;
    }

    /// <summary>When true, a field with no mapping is looked up under its own name.</summary>
    public bool PassThroughUnmapped { get; }

    public IReadOnlyCollection<string> FieldNames => _fields.Keys;

    public bool TryGetPaths(string field, out IReadOnlyList<string> paths)
    {
        var found = _fields.TryGetValue(field, out var array);
        paths = array ?? [];
        return found;
    }

    public static SigmaFieldMapping LoadFile(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses mapping YAML; throws <see cref="FormatException"/> naming the line and column of a bad entry.</summary>
    public static SigmaFieldMapping Parse(string yaml, string sourceName = "<mapping>")
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new FormatException($"{sourceName}:{ex.Start.Line}:{ex.Start.Column}: {ex.Message}", ex);
        }
        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        var passThrough = true;
        if (stream.Documents.Count == 0) return new SigmaFieldMapping(fields);
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new FormatException($"{sourceName}: the mapping document must be a map with a 'fields' key");
        foreach (var (key, value) in root.Children)
        {
            var keyText = (key as YamlScalarNode)?.Value;
            if (keyText == "passthrough" && value is YamlScalarNode flag)
                passThrough = !string.Equals(flag.Value, "false", StringComparison.OrdinalIgnoreCase);
            if (keyText != "fields") continue;
            if (value is not YamlMappingNode map)
                throw new FormatException($"{sourceName}:{value.Start.Line}:{value.Start.Column}: 'fields' must be a map");
            foreach (var (fieldKey, paths) in map.Children)
            {
                var name = ((YamlScalarNode)fieldKey).Value ?? string.Empty;
                fields[name] = paths switch
                {
                    YamlScalarNode single => [single.Value ?? string.Empty],
                    YamlSequenceNode list => list.Children.Select(c => (c as YamlScalarNode)?.Value ?? string.Empty).ToArray(),
                    _ => throw new FormatException($"{sourceName}:{paths.Start.Line}:{paths.Start.Column}: paths of '{name}' must be a string or a list"),
                };
            }
        }
        return new SigmaFieldMapping(fields, passThrough);
    }
}
