using System.Text.Json;

namespace Daybreak.Rules.Sigma;

/// <summary>
/// JSON written inside strings (Log Analytics dynamic columns, UAL's Folders and Parameters), parsed at most once per
/// event view however many rule fields descend into it; and the property lookup Sigma field names need: exact name
/// first, then case-insensitive.
/// </summary>
internal sealed class EmbeddedJson
{
    private Dictionary<string, JsonElement>? _parsed;

    /// <summary>The object or array a string element holds, when it holds one.</summary>
    public bool TryParse(JsonElement text, out JsonElement parsed)
    {
        parsed = default;
        var s = text.GetString();
        if (string.IsNullOrEmpty(s)) return false;
        var t = s.AsSpan().TrimStart();
        if (t.Length == 0 || (t[0] != '{' && t[0] != '[')) return false;
        _parsed ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (!_parsed.TryGetValue(s, out parsed))
        {
            try
            {
                using var doc = JsonDocument.Parse(s);
                parsed = doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                parsed = default;
            }
            _parsed[s] = parsed;
        }
        return parsed.ValueKind != JsonValueKind.Undefined;
    }

    public static bool TryGetProperty(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.TryGetProperty(name, out value)) return true;
        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }
        return false;
    }
}
