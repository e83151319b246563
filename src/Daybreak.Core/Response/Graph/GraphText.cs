using System.Text.RegularExpressions;

namespace Daybreak.Response.Graph;

/// <summary>
/// Ids from logs are attacker-influenced text. Only well-formed GUIDs (and, for users, UPNs) go into a Graph URL or a
/// PowerShell line, escaped for where they go.
/// </summary>
public static partial class GraphText
{
    public static bool IsGuid(string? value) => value is not null && Guid.TryParseExact(value, "D", out _);

    /// <summary>The GUID in a log value such as <c>["3f2b..."]</c> or <c>"3f2b..."</c>, lower-cased; null when there is none.</summary>
    public static string? FirstGuid(string? value) =>
        value is not null && GuidPattern().Match(value) is { Success: true } m ? m.Value.ToLowerInvariant() : null;

    public static IEnumerable<string> Guids(string? value) =>
        value is null ? [] : GuidPattern().Matches(value).Select(m => m.Value.ToLowerInvariant());

    /// <summary>A UPN fit for a URL segment: one @, no whitespace or control characters, no path characters.</summary>
    public static bool IsUpn(string? value) =>
        value is { Length: > 2 and < 256 } && Upn().IsMatch(value);

    public static string Segment(string value) => Uri.EscapeDataString(value);

    /// <summary>A PowerShell single-quoted string: every quote PowerShell accepts (' ‘ ’ ‚ ‛) is doubled.</summary>
    public static string PowerShellQuote(string value)
    {
        var sb = new System.Text.StringBuilder("'");
        foreach (var c in value)
        {
            if (char.IsControl(c)) continue;
            if (c is '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B') sb.Append(c);
            sb.Append(c);
        }
        return sb.Append('\'').ToString();
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", RegexOptions.CultureInvariant)]
    private static partial Regex GuidPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._%+'#!$&*=^`{|}~-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex Upn();
}
