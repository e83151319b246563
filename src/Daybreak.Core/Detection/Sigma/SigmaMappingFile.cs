using Daybreak.Events;
using Daybreak.Rules.Sigma;
using YamlDotNet.RepresentationModel;

namespace Daybreak.Detection.Sigma;

/// <summary>
/// One log family's field mapping for community Sigma rules (mappings/*.yml, described in mappings/README.md): the
/// source it applies to, the Sigma log sources it serves, and per Sigma field the candidate places in the raw
/// record of every export variant, plus value aliases and trimming.
/// </summary>
public sealed class SigmaMappingFile
{
    private readonly Dictionary<string, MappingCandidate[]> _fields;
    private readonly Dictionary<string, Dictionary<string, string>> _values;
    private readonly HashSet<string> _trim;

    private SigmaMappingFile(string name, SourceKind source, IReadOnlyList<SigmaLogSource> logSources,
        Dictionary<string, MappingCandidate[]> fields, Dictionary<string, Dictionary<string, string>> values, HashSet<string> trim)
    {
        Name = name;
        Source = source;
        LogSources = logSources;
        _fields = fields;
        _values = values;
        _trim = trim;
        foreach (var candidate in fields.Values.SelectMany(c => c)) candidate.Plan(Plan);
    }

    /// <summary>The raw paths of this file's candidates, read from a record in one pass (<see cref="JsonFieldCapture"/>).</summary>
    internal JsonFieldPlan Plan { get; } = new();

    /// <summary>The file name, e.g. entra-signin.yml.</summary>
    public string Name { get; }

    public SourceKind Source { get; }

    /// <summary>The Sigma log sources (product, service) whose rules this mapping serves.</summary>
    public IReadOnlyList<SigmaLogSource> LogSources { get; }

    /// <summary>Sigma field names with at least one candidate (fields listed with none are not producible).</summary>
    public IEnumerable<string> MappedFields => _fields.Where(f => f.Value.Length > 0).Select(f => f.Key);

    /// <summary>True when the mapping can produce the field (case-insensitive).</summary>
    public bool CanProduce(string field) => _fields.TryGetValue(field, out var c) && c.Length > 0;

    /// <summary>True when this mapping serves rules of <paramref name="ruleSource"/> (a rule's missing service means any).</summary>
    public bool Serves(SigmaLogSource ruleSource) => LogSources.Any(ls =>
        string.Equals(ls.Product, ruleSource.Product, StringComparison.OrdinalIgnoreCase) &&
        (ruleSource.Service is null || string.Equals(ls.Service, ruleSource.Service, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The candidates of a field, as text (for reports and tests).</summary>
    public IReadOnlyList<string> Describe(string field) => _fields.TryGetValue(field, out var c) ? c.Select(x => x.ToString()!).ToArray() : [];

    /// <summary>What this file says about one field: its candidates (empty when it cannot produce it), whether its
    /// values are trimmed, and their aliases.</summary>
    internal sealed record FieldRules(MappingCandidate[] Candidates, bool Trim, Dictionary<string, string>? Aliases)
    {
        /// <summary>Values with their alias beside them, made lately (see <see cref="RecentValueLists"/>).</summary>
        public RecentValueLists Aliased { get; } = new();
    }

    // By field number (SigmaField.Id), made on a field's first lookup: a lookup by name took three case-insensitive
    // hashes of it per field per record. Grown under a lock, read without one; two threads filling the same slot make
    // equal values.
    private FieldRules?[] _byField = [];
    private readonly Lock _growing = new();

    internal FieldRules Rules(SigmaField field)
    {
        var table = Volatile.Read(ref _byField);
        if (field.Id < table.Length && table[field.Id] is { } known) return known;
        var made = new FieldRules(
            _fields.TryGetValue(field.Name, out var candidates) ? candidates : [],
            _trim.Contains(field.Name),
            _values.GetValueOrDefault(field.Name));
        lock (_growing)
        {
            if (_byField.Length <= field.Id)
            {
                var grown = new FieldRules?[Math.Max(field.Id + 1, SigmaField.Count)];
                Array.Copy(_byField, grown, _byField.Length);
                Volatile.Write(ref _byField, grown);
            }
            return _byField[field.Id] ??= made;
        }
    }

    internal static FieldValue PostProcess(FieldRules rules, FieldValue value)
    {
        var (trim, aliases) = (rules.Trim, rules.Aliases);
        if (!trim && aliases is null) return value;
        if (value.Kind == FieldKind.Array)
        {
            var items = new List<FieldValue>(value.Items.Count);
            foreach (var item in value.Items) Add(items, item, trim, aliases);
            return FieldValue.FromItems(items);
        }
        // A single value: trimmed, and with its alias beside it only when it has one.
        if (trim) value = Trimmed(value);
        return Alias(value, aliases) is { } alias ? FieldValue.FromItems(rules.Aliased.Share([value, FieldValue.FromString(alias)])) : value;
    }

    private static FieldValue Trimmed(FieldValue value) =>
        value.Kind == FieldKind.String && value.Text is { } t && t.Length > 0 && (char.IsWhiteSpace(t[0]) || char.IsWhiteSpace(t[^1]))
            ? FieldValue.FromString(t.Trim())
            : value;

    private static string? Alias(FieldValue value, Dictionary<string, string>? aliases) =>
        aliases is not null && value.Kind is FieldKind.String or FieldKind.Number or FieldKind.Boolean &&
        value.Text is { } text && aliases.TryGetValue(text, out var alias) ? alias : null;

    private static void Add(List<FieldValue> into, FieldValue value, bool trim, Dictionary<string, string>? aliases)
    {
        if (trim) value = Trimmed(value);
        into.Add(value);
        if (Alias(value, aliases) is { } alias) into.Add(FieldValue.FromString(alias));
    }

    public static SigmaMappingFile LoadFile(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Parses a mapping file; throws <see cref="FormatException"/> naming file:line:column of a bad entry.</summary>
    public static SigmaMappingFile Parse(string yaml, string name)
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
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new FormatException($"{name}: a mapping file must be a map with 'source' and 'fields'");
        string? sourceText = null;
        var logSources = new List<SigmaLogSource>();
        var roots = new List<string>();
        YamlMappingNode? fieldsNode = null;
        YamlMappingNode? valuesNode = null;
        var trim = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (keyNode, value) in root.Children)
        {
            switch ((keyNode as YamlScalarNode)?.Value)
            {
                case "source":
                    sourceText = Scalar(value, name);
                    break;
                case "logsources":
                    foreach (var item in Sequence(value, name))
                    {
                        if (item is not YamlMappingNode ls) throw Error(name, item, "a log source must be a map of product and service");
                        logSources.Add(new SigmaLogSource(Get(ls, "product"), Get(ls, "service"), Get(ls, "category")));
                    }
                    break;
                case "roots":
                    roots.AddRange(Sequence(value, name).Select(n => Scalar(n, name)));
                    break;
                case "trim":
                    foreach (var n in Sequence(value, name)) trim.Add(Scalar(n, name));
                    break;
                case "fields":
                    fieldsNode = value as YamlMappingNode ?? throw Error(name, value, "'fields' must be a map");
                    break;
                case "values":
                    valuesNode = value as YamlMappingNode ?? throw Error(name, value, "'values' must be a map");
                    break;
            }
        }
        if (sourceText is null || !SourceKinds.TryParse(sourceText, out var source))
            throw new FormatException($"{name}: 'source' must be one of signin, audit, ual, graphactivity, risk");
        var fields = new Dictionary<string, MappingCandidate[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (keyNode, value) in fieldsNode?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            var field = Scalar(keyNode, name);
            var texts = value switch
            {
                YamlScalarNode s => [s.Value ?? string.Empty],
                YamlSequenceNode seq => seq.Children.Select(c => Scalar(c, name)).ToList(),
                _ => throw Error(name, value, $"candidates of '{field}' must be a string or a list"),
            };
            try
            {
                fields[field] = texts.Select(t => MappingCandidate.Parse(t, roots)).ToArray();
            }
            catch (FormatException ex)
            {
                throw Error(name, value, $"field '{field}': {ex.Message}");
            }
        }
        var values = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (keyNode, value) in valuesNode?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            if (value is not YamlMappingNode table) throw Error(name, value, "a value table must be a map of raw value to alias");
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (raw, alias) in table.Children) map[Scalar(raw, name)] = Scalar(alias, name);
            values[Scalar(keyNode, name)] = map;
        }
        return new SigmaMappingFile(name, source, logSources, fields, values, trim);
    }

    private static string? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;

    private static string Scalar(YamlNode node, string name) =>
        (node as YamlScalarNode)?.Value ?? throw Error(name, node, "expected a string");

    private static IEnumerable<YamlNode> Sequence(YamlNode node, string name) =>
        (node as YamlSequenceNode)?.Children ?? throw Error(name, node, "expected a list");

    private static FormatException Error(string name, YamlNode node, string reason) =>
        new($"{name}:{node.Start.Line}:{node.Start.Column}: {reason}");
}
