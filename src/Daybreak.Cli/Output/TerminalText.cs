using System.Text;

namespace Daybreak.Cli.Output;

/// <summary>
/// Makes log-controlled text safe for a terminal: control characters (ANSI escapes, bells, backspaces, bidi
/// overrides) are shown as visible escapes instead of being replayed, long values are cut, and Spectre markup is escaped.
/// </summary>
public static class TerminalText
{
    public static string Safe(string? text, int maxLength = 200)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder((int)Math.Min(text.Length, maxLength + 8L));
        foreach (var c in text)
        {
            if (sb.Length >= maxLength) { sb.Append('…'); break; }
            if (char.IsControl(c) || c is '\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u2069')
                sb.Append("\\u").Append(((int)c).ToString("x4"));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Safe text, escaped for Spectre markup.</summary>
    public static string Markup(string? text, int maxLength = 200) => Spectre.Console.Markup.Escape(Safe(text, maxLength));
}
