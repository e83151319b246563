namespace Daybreak.Detection.Builtin;

/// <summary>Entra writes modified-property values JSON-encoded: <c>"\"full_access_as_app\""</c>, <c>[\"a\"]</c>, <c>[]</c>.</summary>
internal static class Json
{
    /// <summary>The plain value of a JSON-encoded string or single-element array; other text unchanged.</summary>
    public static string? Unquote(string? value)
    {
        if (value is null) return null;
        var v = value.Trim();
        if (v.StartsWith('[') && v.EndsWith(']')) v = v[1..^1].Trim();
        if (v.Length >= 2 && v[0] == '"' && v[^1] == '"') v = v[1..^1];
        return v.Replace("\\\"", "\"", StringComparison.Ordinal);
    }

    /// <summary>True for a missing or empty JSON value: null, "", [], "[]".</summary>
    public static bool IsEmpty(string? value)
    {
        var v = Unquote(value);
        return string.IsNullOrWhiteSpace(v) || v == "[]";
    }
}
