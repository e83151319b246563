using System.Runtime.InteropServices;
using System.Text;
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
        // Most lookups miss (a mapping tries several spellings per field), so the case-insensitive scan compares the
        // raw UTF-8 names in place: materialising every property name as a string was a third of a SigmaHQ hunt.
        var asciiName = Ascii.IsValid(name);
        foreach (var property in obj.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            var equal = asciiName && raw.IndexOf((byte)'\\') < 0 && Ascii.IsValid(raw)
                ? raw.Length == name.Length && Ascii.EqualsIgnoreCase(raw, name)
                : string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase);
            if (equal)
            {
                value = property.Value;
                return true;
            }
        }
        return false;
    }
}
