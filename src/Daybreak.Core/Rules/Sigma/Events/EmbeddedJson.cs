using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Daybreak.Rules.Sigma;

/// <summary>
/// JSON written inside strings (Log Analytics dynamic columns, UAL's Folders and Parameters), parsed at most once per
/// event view however many rule fields descend into it; and the property lookup Sigma field names need: the longest
/// dotted key, the exact name before a case-insensitive one.
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

    /// <summary>Bytes that make a raw property name differ from its text: escapes and anything not ASCII.</summary>
    private static readonly System.Buffers.SearchValues<byte> EscapedOrNonAscii =
        System.Buffers.SearchValues.Create([(byte)'\\', .. Enumerable.Range(0x80, 0x80).Select(b => (byte)b)]);

    /// <summary>True when a property's raw UTF-8 name is its text (ASCII, no escapes): it can be compared as bytes.</summary>
    public static bool IsPlainName(ReadOnlySpan<byte> raw) => raw.IndexOfAny(EscapedOrNonAscii) < 0;

    /// <summary>
    /// The property of <paramref name="obj"/> named by the longest run of <paramref name="path"/>'s parts from
    /// <paramref name="index"/>, in one pass over the properties. The same answer as calling
    /// JsonElement.TryGetProperty with each run, longest first: for one run, the exact name (the last of duplicates, as
    /// <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>) before the first case-insensitive one.
    /// <paramref name="end"/> is the index after the run found.
    /// </summary>
    public static bool TryGetLongest(JsonElement obj, FieldPath path, int index, out int end, out JsonElement value)
    {
        var remaining = path.Parts.Length - index;
        var bestLength = 0;
        value = default;
        foreach (var property in obj.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            // One byte rules out most names before anything is scanned (a lookup walks every property of the object,
            // and a record's view makes dozens of lookups).
            if (raw.Length > 0 && !path.MayStartWith(index, raw[0])) continue;
            int length;
            bool exact, equal;
            if (IsPlainName(raw))
            {
                // The raw bytes are the name: only the run of the same length can equal it.
                length = path.PartsOfLength(index, raw.Length);
                if (length == 0 || length < bestLength) continue;
                if (path.AsciiRun(index, length) is { } run)
                {
                    exact = raw.SequenceEqual(run);
                    equal = exact || Ascii.EqualsIgnoreCase(raw, run);
                }
                else
                {
                    equal = NamesEqual(property.Name, path.Run(index, length), out exact);
                }
            }
            else
            {
                var name = property.Name;
                length = name.AsSpan().Count('.') + 1;
                if (length > remaining || length < bestLength) continue;
                equal = NamesEqual(name, path.Run(index, length), out exact);
            }
            if (!equal) continue;
            // Longer wins; at one length an exact name beats a case-insensitive one, a later exact name an earlier
            // one (the last duplicate), and an earlier case-insensitive name a later one.
            if (length > bestLength || (length == bestLength && exact))
            {
                bestLength = length;
                value = property.Value;
            }
        }
        end = index + bestLength;
        return bestLength > 0;
    }

    /// <summary>Equal case-insensitively; <paramref name="exact"/> when equal as written too.</summary>
    internal static bool NamesEqual(string name, string run, out bool exact)
    {
        exact = string.Equals(name, run, StringComparison.Ordinal);
        return exact || string.Equals(name, run, StringComparison.OrdinalIgnoreCase);
    }
}
