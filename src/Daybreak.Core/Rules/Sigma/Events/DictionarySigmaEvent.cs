namespace Daybreak.Rules.Sigma;

/// <summary>A flat event over a dictionary: used for correlation alerts fed into chained correlations, and in tests.</summary>
public sealed class DictionarySigmaEvent : ISigmaEvent
{
    private readonly IReadOnlyDictionary<string, FieldValue> _fields;

    public DictionarySigmaEvent(IReadOnlyDictionary<string, FieldValue> fields) => _fields = fields;

    public static DictionarySigmaEvent FromStrings(IEnumerable<KeyValuePair<string, string?>> fields) =>
        new(fields.ToDictionary(f => f.Key, f => FieldValue.FromString(f.Value), StringComparer.OrdinalIgnoreCase));

    public bool TryGetField(string name, out FieldValue value) => _fields.TryGetValue(name, out value);

    public IEnumerable<FieldValue> AllValues() => _fields.Values;
}
