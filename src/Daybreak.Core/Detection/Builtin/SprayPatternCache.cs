namespace Daybreak.Detection.Builtin;

/// <summary>
/// Spray campaign patterns found earlier, reused. Finding a pattern reads every failure of the campaign window, and
/// one is asked for on every target and success alert: during a tenant-wide spray (thousands of accounts, each a
/// target) that was quadratic in the window (322 s of a 337 s hunt over 487,000 sign-ins of 20,000 accounts).
/// The window is cut into 32 slices of time; a pattern found for a time in a slice serves every time in that slice
/// while at most 1/32 of the window's failures were added, resolved or expired since, or for good once the slice
/// ended longer ago than <c>settle</c> (nothing still to arrive falls in it). A pattern over thousands of failures
/// does not turn on the few newest, nor on where in a slice of 1/32 of the window it ends. A window of fewer than 32
/// failures, as in every test of the detection's logic, is read afresh every time.
/// </summary>
internal sealed class SprayPatternCache(TimeSpan window, TimeSpan settle, Func<DateTime, SprayCampaignPattern> find)
{
    private const int Slices = 32;
    // Success alerts ask for the pattern at each account's last failure, which may be days back: a few slices kept.
    private const int Capacity = 8;

    private readonly long _slice = Math.Max(1, window.Ticks / Slices);
    private readonly Dictionary<long, Entry> _entries = [];
    private long _uses;
    private DateTime _newest = DateTime.MinValue;

    private sealed class Entry(SprayCampaignPattern pattern, long changes, DateTime foundAt)
    {
        public SprayCampaignPattern Pattern { get; } = pattern;
        public long Changes { get; } = changes;
        public DateTime FoundAt { get; } = foundAt;
        public long LastUse;
    }

    /// <summary>The newest event time seen: slices that ended long enough before it are settled.</summary>
    public void Saw(DateTime time)
    {
        if (time > _newest) _newest = time;
    }

    /// <summary>How many of a window's failures may change before a pattern found over it is found again: a 32nd (0
    /// below 32 failures, so small windows are always read afresh).</summary>
    public static int Slack(int windowFailures) => windowFailures / Slices;

    /// <summary>The pattern at <paramref name="to"/>; <paramref name="changes"/> counts the failures added to, resolved in or
    /// expired from the window so far (<see cref="SprayCampaignWindow.Changes"/>).</summary>
    public SprayCampaignPattern At(DateTime to, int windowFailures, long changes)
    {
        var slack = Slack(windowFailures);
        if (slack == 0) return find(to);
        var slice = to.Ticks / _slice;
        var end = new DateTime(Math.Min(DateTime.MaxValue.Ticks, (slice + 1) * _slice), DateTimeKind.Utc);
        if (_entries.TryGetValue(slice, out var e) && (changes - e.Changes <= slack || e.FoundAt - end > settle))
        {
            e.LastUse = ++_uses;
            return e.Pattern;
        }
        if (_entries.Count >= Capacity && e is null) _entries.Remove(_entries.MinBy(kv => kv.Value.LastUse).Key);
        var pattern = find(to);
        _entries[slice] = new Entry(pattern, changes, _newest) { LastUse = ++_uses };
        return pattern;
    }
}
