using Daybreak.Events;

namespace Daybreak.Storage;

/// <summary>
/// The case's event order, <c>ORDER BY time, record_id</c> as DuckDB sorts it: record ids compare by their UTF-8
/// bytes, which is code point order. .NET's ordinal order compares UTF-16 code units and puts a character from
/// U+E000 to U+FFFF after one encoded as a surrogate pair; record ids come from logs, so either may occur.
/// </summary>
internal sealed class EventOrder : IComparer<AuditEvent>
{
    public static readonly EventOrder Instance = new();

    public int Compare(AuditEvent? x, AuditEvent? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var byTime = x.Time.CompareTo(y.Time);
        return byTime != 0 ? byTime : CompareUtf8(x.RecordId, y.RecordId);
    }

    /// <summary>Code point order of two strings, as a byte comparison of their UTF-8 encodings gives it.</summary>
    internal static int CompareUtf8(string a, string b)
    {
        var common = a.AsSpan().CommonPrefixLength(b);
        if (common == a.Length || common == b.Length) return a.Length.CompareTo(b.Length);
        int ca = a[common], cb = b[common];
        // Only between a surrogate and U+E000..U+FFFF do the two orders differ: lift surrogates above the rest.
        if (ca >= 0xD800 && cb >= 0xD800)
        {
            ca = ca >= 0xE000 ? ca - 0x800 : ca + 0x2000;
            cb = cb >= 0xE000 ? cb - 0x800 : cb + 0x2000;
        }
        return ca.CompareTo(cb);
    }
}
