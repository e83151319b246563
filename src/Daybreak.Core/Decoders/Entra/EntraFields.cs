using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Daybreak.Decoders.Entra;

/// <summary>
/// Typed reads for the fields a normaliser relies on. Unlike <see cref="JsonFields.Str"/>, a value of the wrong
/// type (an object where text is expected, a number where a date is expected) rejects the record with a reason
/// naming the field, instead of turning into a plausible but wrong value.
/// </summary>
internal static class EntraFields
{
    /// <summary>The first present field as text; numbers and booleans as written; objects and arrays reject.</summary>
    public static string? Text(this JsonElement obj, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (!Lookup(obj, name, out var v)) continue;
            switch (v.ValueKind)
            {
                case JsonValueKind.String:
                    var s = v.StringValue();
                    if (!string.IsNullOrWhiteSpace(s)) return s;
                    break;
                case JsonValueKind.Number:
                    return v.RawText();
                case JsonValueKind.True:
                    return "true";
                case JsonValueKind.False:
                    return "false";
                default:
                    throw WrongType(name, v, "text");
            }
        }
        return null;
    }

    /// <summary>The first present field as a UTC time; it must be a date string.</summary>
    public static DateTime? Time(this JsonElement obj, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (!Lookup(obj, name, out var v)) continue;
            if (v.ValueKind != JsonValueKind.String) throw WrongType(name, v, "a date string");
            var text = v.StringValue();
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (Timestamps.TryParse(text, out var utc) || TryParseMsJson(text, out utc)) return utc;
            throw new RecordRejectedException($"{name} is not a readable time: '{Truncate(text)}'");
        }
        return null;
    }

    /// <summary>A numeric code (Entra errorCode, HTTP status) as text; a number or a string of digits.</summary>
    public static string? Code(this JsonElement obj, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (!Lookup(obj, name, out var v)) continue;
            if (v.ValueKind == JsonValueKind.Number)
            {
                if (v.TryGetInt64(out var n)) return n.ToString(CultureInfo.InvariantCulture);
                throw WrongType(name, v, "a whole number");
            }
            if (v.ValueKind != JsonValueKind.String) throw WrongType(name, v, "a number");
            var text = v.StringValue()?.Trim();
            if (!string.IsNullOrEmpty(text)) return text;
        }
        return null;
    }

    /// <summary>A user principal name, lower-cased as the schema promises.</summary>
    public static string? Upn(this JsonElement obj, params ReadOnlySpan<string> names) =>
        obj.Text(names)?.Trim().ToLowerInvariant();

    /// <summary>An object field (JSON inside a string allowed); null when absent; any other value rejects.</summary>
    public static JsonElement? Object(this JsonElement obj, string name)
    {
        if (!Lookup(obj, name, out var v)) return null;
        if (obj.Json(name) is { ValueKind: JsonValueKind.Object } o) return o;
        if (v.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(v.StringValue())) return null;
        throw WrongType(name, v, "an object");
    }

    /// <summary>
    /// An IP address with any port removed (<c>1.2.3.4:5678</c>, <c>[2001:db8::1]:443</c>); null for placeholders
    /// such as <c>&lt;null&gt;</c> that are not an address.
    /// </summary>
    public static string? Ip(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = text.Trim();
        if (s.StartsWith('['))
        {
            var end = s.IndexOf(']');
            if (end > 1) s = s[1..end];
        }
        else if (s.IndexOf(':') is > 0 and var colon && colon == s.LastIndexOf(':') && s.IndexOf('.') is > 0 and var dot && dot < colon)
        {
            s = s[..colon];
        }
        // Validated without making an IPAddress (every sign-in has an IP): IsValid accepts what TryParse accepts.
        return IPAddress.IsValid(s) ? s : null;
    }

    /// <summary>
    /// Windows PowerShell 5.1 <c>ConvertTo-Json</c> writes dates as <c>/Date(1714551330000)/</c> (milliseconds since the
    /// Unix epoch); Graph objects saved that way (Get-MgAuditLogSignIn | ConvertTo-Json) carry them.
    /// </summary>
    private static bool TryParseMsJson(string text, out DateTime utc)
    {
        utc = default;
        var s = text.AsSpan().Trim();
        if (!s.StartsWith("/Date(", StringComparison.Ordinal) || !s.EndsWith(")/", StringComparison.Ordinal)) return false;
        var digits = s[6..^2];
        var zone = digits[1..].IndexOfAny('+', '-'); // an optional offset follows; the milliseconds are UTC anyway
        if (zone >= 0) digits = digits[..(zone + 1)];
        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)) return false;
        utc = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
        return true;
    }

    private static bool Lookup(JsonElement obj, string name, out JsonElement value) =>
        name.Contains('.') ? obj.TryGetPath(name, out value) : obj.TryGet(name, out value);

    private static RecordRejectedException WrongType(string name, JsonElement v, string expected)
    {
        var kind = v.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.Number => "a number",
            JsonValueKind.String => "a string",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => v.ValueKind.ToString(),
        };
        return new RecordRejectedException($"{name} is {kind}, expected {expected}");
    }

    private static string Truncate(string text) => text.Length > 40 ? text[..40] + "..." : text;
}
