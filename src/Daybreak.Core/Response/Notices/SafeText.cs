using System.Net;
using System.Text;

namespace Daybreak.Response.Notices;

/// <summary>Log text made safe for a notice: no control or bidi-override characters, bounded length; HTML-encoded for the HTML part.</summary>
public static class SafeText
{
    public static string Plain(string? text, int maxLength = 500)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        foreach (var c in text)
        {
            if (sb.Length >= maxLength) { sb.Append('…'); break; }
            if (char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F') sb.Append(' ');
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>HTML-encodes every character that could open markup or leave an attribute (&lt; &gt; &amp; " ').</summary>
    public static string Html(string? text, int maxLength = 500) => WebUtility.HtmlEncode(Plain(text, maxLength));
}
