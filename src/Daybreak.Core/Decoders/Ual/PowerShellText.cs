using System.Text.RegularExpressions;

namespace Daybreak.Decoders.Ual;

/// <summary>
/// Reads the two PowerShell renderings that UAL values take when a collector stringified them: a hashtable
/// <c>@{Name=MailAccessType; Value=Bind}</c> (Defender CloudAppEvents, Export-Csv of nested objects), and a cmdlet
/// parameter line <c>-Name "foo" -Force "True" -ExchangeLocation ("All")</c> (Exchange admin records). Nested
/// collections are rendered by PowerShell as <c>System.Object[]</c>: their content is lost, and is left out here.
/// </summary>
internal static partial class PowerShellText
{
    public static bool IsHashtable(string? text) =>
        text is not null && text.StartsWith("@{", StringComparison.Ordinal) && text.EndsWith('}');

    /// <summary>The keys and values of <c>@{A=1; B=x y}</c>, in order; values are trimmed text.</summary>
    public static List<KeyValuePair<string, string>> ParseHashtable(string text)
    {
        var result = new List<KeyValuePair<string, string>>();
        var body = text.Trim();
        if (IsHashtable(body)) body = body[2..^1];
        var keys = HashtableKey().Matches(body);
        for (var i = 0; i < keys.Count; i++)
        {
            var start = keys[i].Index + keys[i].Length;
            var end = i + 1 < keys.Count ? keys[i + 1].Index : body.Length;
            result.Add(new(keys[i].Groups[1].Value, body[start..end].Trim().TrimEnd(';').Trim()));
        }
        return result;
    }

    /// <summary>The value of <paramref name="key"/> in a hashtable rendering, or null.</summary>
    public static string? Get(List<KeyValuePair<string, string>> table, string key)
    {
        foreach (var (k, v) in table)
        {
            if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) return v;
        }
        return null;
    }

    /// <summary>True when a rendered value is a lost nested collection or object, not data.</summary>
    public static bool IsLostCollection(string? value) =>
        value is "System.Object[]" or "System.Collections.Hashtable" || (value?.StartsWith("System.", StringComparison.Ordinal) == true && value.EndsWith("[]", StringComparison.Ordinal));

    /// <summary>The parameters of a cmdlet line; a switch without value gets "True".</summary>
    public static List<KeyValuePair<string, string>> ParseParameterLine(string text)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (Match m in ParameterToken().Matches(text))
        {
            var value = m.Groups[2].Success && m.Groups[2].Length > 0 ? m.Groups[2].Value.Trim() : "True";
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1];
            result.Add(new(m.Groups[1].Value, value));
        }
        return result;
    }

    public static bool LooksLikeParameterLine(string? text) =>
        text is not null && text.TrimStart().StartsWith('-') && ParameterToken().IsMatch(text);

    [GeneratedRegex(@"(?:^|;)\s*([A-Za-z_][A-Za-z0-9_.]*)=", RegexOptions.CultureInvariant)]
    private static partial Regex HashtableKey();

    // -Name, then a value up to the next " -Name" (quoted strings and parenthesised lists may hold spaces and dashes).
    [GeneratedRegex(@"(?:^|\s)-([A-Za-z][A-Za-z0-9]*)(?:\s+((?:""[^""]*""|\([^)]*\)|[^\s-][^\s]*)(?:\s*(?!-[A-Za-z])(?:""[^""]*""|\([^)]*\)|[^\s""(-][^\s]*))*))?", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterToken();
}
