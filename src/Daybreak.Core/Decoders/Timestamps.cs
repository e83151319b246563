using System.Globalization;

namespace Daybreak.Decoders;

/// <summary>
/// Parses the timestamps Microsoft exports write, always with the invariant culture (a responder's machine may be
/// set to fa-IR or de-DE): ISO-8601 with or without zone (no zone means UTC, as UAL's CreationTime), and the
/// US-locale forms of the Log Analytics portal (<c>4/28/2021, 2:08:45.221 PM</c>) and Identity Protection
/// (<c>8/22/2022 6:11:52 PM</c>).
/// </summary>
public static class Timestamps
{
    private static readonly string[] LocaleFormats =
    [
        "M/d/yyyy, h:mm:ss.FFFFFFF tt",
        "M/d/yyyy, h:mm:ss tt",
        "M/d/yyyy h:mm:ss.FFFFFFF tt",
        "M/d/yyyy h:mm:ss tt",
        "M/d/yyyy H:mm:ss",
        "M/d/yyyy H:mm",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:ss",
    ];

    private const DateTimeStyles Utc = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;

    public static bool TryParse(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length >= 10 && char.IsAsciiDigit(trimmed[0]) && trimmed[4] == '-'
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso))
        {
            utc = iso.UtcDateTime;
            return true;
        }
        if (DateTime.TryParseExact(text.Trim(), LocaleFormats, CultureInfo.InvariantCulture, Utc, out utc))
        {
            utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
            return true;
        }
        return false;
    }

    public static DateTime Parse(string? text) =>
        TryParse(text, out var utc) ? utc : throw new RecordRejectedException($"unreadable time '{Truncate(text)}'");

    private static string Truncate(string? text) => text is null ? "null" : text.Length > 40 ? text[..40] + "..." : text;
}
