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
        if (TryParseIsoUtc(trimmed, out utc)) return true;
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

    /// <summary>
    /// <see cref="TryParse"/> for UTF-8 text in exactly the ISO form <see cref="TryParseIsoUtc"/> reads, without making a
    /// string; false for anything else (then the caller makes the string and calls <see cref="TryParse"/>, which gives
    /// the same time for text this accepts).
    /// </summary>
    public static bool TryParseIsoUtf8(ReadOnlySpan<byte> utf8, out DateTime utc)
    {
        utc = default;
        if (utf8.Length is < 19 or > 40) return false;
        Span<char> chars = stackalloc char[40];
        return System.Text.Ascii.ToUtf16(utf8, chars, out var written) == System.Buffers.OperationStatus.Done
            && TryParseIsoUtc(chars[..written], out utc);
    }

    /// <summary>
    /// The one form most records carry, <c>yyyy-MM-ddTHH:mm:ss[.fffffff][Z|±HH:mm]</c> (UAL CreationTime, Entra times), read
    /// without the general parser, which costs more than the rest of a UAL record's fields. Anything else, or any
    /// field out of range, is left to the general parser, which gives the same result for these forms.
    /// </summary>
    private static bool TryParseIsoUtc(ReadOnlySpan<char> s, out DateTime utc)
    {
        utc = default;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return false;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)) return false;
        var rest = s[19..];
        long ticks = 0;
        if (rest.Length > 0 && rest[0] == '.')
        {
            var digits = 1;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits])) digits++;
            if (digits == 1 || digits > 8) return false;
            for (var i = 1; i < 8; i++) ticks = (ticks * 10) + (i < digits ? rest[i] - '0' : 0);
            rest = rest[digits..];
        }
        if (rest.Length == 1 && rest[0] == 'Z') rest = [];
        // An offset as Entra writes createdDateTime (+00:00), within the ±14 hours DateTimeOffset allows.
        var offsetMinutes = 0;
        if (rest.Length == 6 && rest[0] is '+' or '-' && rest[3] == ':' && Digits(rest, 1, 2, out var offsetHours) && Digits(rest, 4, 2, out var minutes))
        {
            if (minutes > 59 || offsetHours * 60 + minutes > 14 * 60) return false;
            offsetMinutes = (rest[0] == '-' ? -1 : 1) * (offsetHours * 60 + minutes);
            rest = [];
        }
        if (rest.Length != 0 || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59) return false;
        var utcTicks = new DateTime(year, month, day, hour, minute, second).Ticks + ticks - offsetMinutes * TimeSpan.TicksPerMinute;
        // A time the offset moves off the calendar does not parse as a DateTimeOffset either: the general parser says so.
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks) return false;
        utc = new DateTime(utcTicks, DateTimeKind.Utc);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i])) return false;
            value = (value * 10) + (s[i] - '0');
        }
        return true;
    }

    public static DateTime Parse(string? text) =>
        TryParse(text, out var utc) ? utc : throw new RecordRejectedException($"unreadable time '{Truncate(text)}'");

    private static string Truncate(string? text) => text is null ? "null" : text.Length > 40 ? text[..40] + "..." : text;
}
