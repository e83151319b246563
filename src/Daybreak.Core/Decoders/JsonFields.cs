using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Daybreak.Decoders;

/// <summary>
/// Field access that tolerates the drift between export variants of one log: Graph's camelCase against Log
/// Analytics' PascalCase (exact name first, then case-insensitive), numbers written as strings, booleans as
/// "True"/"False", and JSON objects or arrays written inside strings (Log Analytics dynamic columns, UAL's
/// Folders, OperationProperties, Parameters).
/// </summary>
public static class JsonFields
{
    /// <summary>The property by exact name, else by case-insensitive name; null and missing are both "absent".</summary>
    public static bool TryGet(this JsonElement obj, string name, out JsonElement value)
    {
        value = default;
        if (obj.ValueKind != JsonValueKind.Object) return false;
        if (PropertyIndex.TryLookup(obj, name, exactOnly: false, out value, out var found))
            return found && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
        if (obj.TryGetProperty(name, out value)) return value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
        foreach (var p in obj.EnumerateObject())
        {
            if (NameEqualsIgnoreCase(p, name))
            {
                value = p.Value;
                return value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
            }
        }
        return false;
    }

    /// <summary>
    /// <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> (exact name, null values included) through the
    /// record's property index when one is active: shape checks that miss would otherwise scan the whole record.
    /// </summary>
    public static bool TryGetExact(this JsonElement obj, string name, out JsonElement value)
    {
        if (PropertyIndex.TryLookup(obj, name, exactOnly: true, out value, out var found)) return found;
        return obj.TryGetProperty(name, out value);
    }

    /// <summary>Compares without allocating the property name: misses scan every property of large records.</summary>
    private static bool NameEqualsIgnoreCase(JsonProperty p, string name)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(p);
        if (raw.IndexOf((byte)'\\') >= 0) return string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase); // escaped name
        return raw.Length == name.Length ? Ascii.EqualsIgnoreCase(raw, name) : false;
    }

    /// <summary>Follows a dotted path (<c>status.errorCode</c>), descending into JSON held in strings on the way.</summary>
    public static bool TryGetPath(this JsonElement obj, string path, out JsonElement value)
    {
        value = obj;
        foreach (var part in path.Split('.'))
        {
            var container = value.ValueKind == JsonValueKind.String ? ParseEmbedded(value) : value;
            if (container is not { } c || !c.TryGet(part, out value)) return false;
        }
        return true;
    }

    /// <summary>The first of <paramref name="names"/> (each may be a dotted path) present, as text; numbers and booleans as written.</summary>
    public static string? Str(this JsonElement obj, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (!Lookup(obj, name, out var v)) continue;
            var text = AsText(v);
            if (!string.IsNullOrEmpty(text)) return text;
        }
        return null;
    }

    public static long? Long(this JsonElement obj, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (!Lookup(obj, name, out var v)) continue;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n)) return n;
            if (v.ValueKind == JsonValueKind.String && long.TryParse(v.StringValue(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n)) return n;
        }
        return null;
    }

    public static bool? Bool(this JsonElement obj, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (!Lookup(obj, name, out var v)) continue;
            if (v.ValueKind == JsonValueKind.True) return true;
            if (v.ValueKind == JsonValueKind.False) return false;
            if (v.ValueKind == JsonValueKind.String && bool.TryParse(v.StringValue()?.Trim(), out var b)) return b;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)) return i != 0;
        }
        return null;
    }

    /// <summary>An object or array field, parsing it when it was written as a JSON string; null when absent or not JSON.</summary>
    public static JsonElement? Json(this JsonElement obj, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (!Lookup(obj, name, out var v)) continue;
            if (v.ValueKind is JsonValueKind.Object or JsonValueKind.Array) return v;
            if (v.ValueKind == JsonValueKind.String && ParseEmbedded(v) is { } parsed) return parsed;
        }
        return null;
    }

    /// <summary>Elements of an array field (JSON-in-string allowed); empty when absent.</summary>
    public static IEnumerable<JsonElement> Array(this JsonElement obj, params string[] names) =>
        obj.Json(names) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : [];

    /// <summary>
    /// A string's text as <see cref="JsonElement.GetString"/> gives it, except that a string the framework refuses
    /// (bytes that are no UTF-8, a lone surrogate escaped) reads with U+FFFD in their place instead of throwing
    /// (<see cref="JsonText.Lenient"/>). Not a string: as <see cref="JsonElement.GetString"/> (null for null, else throws).
    /// </summary>
    public static string? StringValue(this JsonElement v)
    {
        if (v.ValueKind != JsonValueKind.String) return v.GetString();
        try
        {
            return v.GetString();
        }
        catch (InvalidOperationException)
        {
            return JsonText.Lenient(JsonMarshal.GetRawUtf8Value(v));
        }
    }

    /// <summary>The value's JSON as written, as <see cref="JsonElement.GetRawText"/> gives it, except that bytes that are no
    /// UTF-8 read as U+FFFD instead of throwing.</summary>
    public static string RawText(this JsonElement v) => Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(v));

    /// <summary>A value as text: strings as they are, other scalars in their JSON spelling, objects and arrays as JSON.</summary>
    public static string? AsText(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.StringValue(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => v.RawText(),
    };

    private static bool Lookup(JsonElement obj, string name, out JsonElement value) =>
        name.Contains('.') ? obj.TryGetPath(name, out value) : obj.TryGet(name, out value);

    /// <summary>Parses JSON written inside a string. The clone owns its memory, so no document needs disposing.</summary>
    private static JsonElement? ParseEmbedded(JsonElement s)
    {
        var text = s.StringValue();
        if (string.IsNullOrWhiteSpace(text)) return null;
        var first = text.AsSpan().TrimStart()[0];
        if (first is not ('{' or '[')) return null;
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, MaxDepth = 256 });
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
