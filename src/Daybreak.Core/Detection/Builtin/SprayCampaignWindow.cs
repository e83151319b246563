namespace Daybreak.Detection.Builtin;

/// <summary>
/// The failures of the last campaign window, counted incrementally (per account: distinct IPs; overall: distinct
/// IPs), so deciding "is this a campaign?" costs O(1) per failure instead of a scan of every account's history.
/// Failures that stop counting early (a typo resolved by the owner's success, an account whose spray ended in a
/// success alert) are removed when that happens and skipped when they would have expired. The failures are kept as
/// <see cref="SprayFailureRow"/>s in arrival order, so a pattern scan walks one array of ids instead of the events.
/// </summary>
internal sealed class SprayCampaignWindow(TimeSpan window)
{
    private SprayFailureRow[] _rows = new SprayFailureRow[256];
    private int _head;
    private int _count;
    private long _headSeq;   // arrival number of the row at _head
    private int _removedCount;
    private readonly Dictionary<KeptSignIn, long> _seq = new(ReferenceEqualityComparer.Instance);
    private readonly List<Dictionary<int, int>?> _ipsByAccount = [];

    /// <summary>The ids the window's rows carry.</summary>
    public SprayKeys Keys { get; } = new();

    /// <summary>Accounts with failures from at least two IPs inside the window.</summary>
    public int SprayedAccounts { get; private set; }

    public int DistinctIps => Keys.Ips.Live;

    /// <summary>The time the window was last expired to: it holds every failure that still counts since a window before that.</summary>
    public DateTime ExpiredTo { get; private set; } = DateTime.MinValue;

    /// <summary>Failures inside the window that still count.</summary>
    public int Failures => _count - _removedCount;

    /// <summary>Failures added so far.</summary>
    public long Added { get; private set; }

    /// <summary>Failures added, removed or expired so far: what a pattern found over the window may have missed since.</summary>
    public long Changes { get; private set; }

    /// <summary>The failures that still count with times from <paramref name="from"/> to <paramref name="to"/>: all of
    /// them for any window that ends at or after <see cref="ExpiredTo"/>. Ids are <see cref="Keys"/>'. Fills <paramref name="rows"/>.</summary>
    public void Between(DateTime from, DateTime to, List<SprayFailureRow> rows)
    {
        rows.Clear();
        for (var i = 0; i < _count; i++)
        {
            ref readonly var row = ref _rows[(_head + i) % _rows.Length];
            if (!row.Removed && row.Time >= from && row.Time <= to) rows.Add(row);
        }
    }

    public void Add(string account, KeptSignIn failure)
    {
        if (_count == _rows.Length) Grow();
        var row = Keys.Add(account, failure);
        _rows[(_head + _count) % _rows.Length] = row;
        _seq[failure] = _headSeq + _count;
        _count++;
        Count(row, +1);
        Added++;
        Changes++;
    }

    /// <summary>Takes a failure out early. One the window already let go of was uncounted then (an account's failures go
    /// back further than the window): it changes nothing, as does removing a failure twice.</summary>
    public void Remove(KeptSignIn failure)
    {
        if (!_seq.TryGetValue(failure, out var seq)) return;
        ref var row = ref _rows[(_head + (int)(seq - _headSeq)) % _rows.Length];
        if (row.Removed) return;
        row.Removed = true;
        _removedCount++;
        Count(row, -1);
        Keys.Release(row);
        Changes++;
    }

    /// <summary>Drops failures older than the window.</summary>
    public void Expire(DateTime now)
    {
        if (now > ExpiredTo) ExpiredTo = now;
        while (_count > 0 && now - _rows[_head].Time > window)
        {
            var row = _rows[_head];
            _rows[_head] = default;
            _head = (_head + 1) % _rows.Length;
            _count--;
            _headSeq++;
            _seq.Remove(row.Failure);
            if (row.Removed)
            {
                _removedCount--;
                continue;
            }
            Count(row, -1);
            Keys.Release(row);
            Changes++;
        }
    }

    private void Grow()
    {
        var rows = new SprayFailureRow[_rows.Length * 2];
        for (var i = 0; i < _count; i++) rows[i] = _rows[(_head + i) % _rows.Length];
        _rows = rows;
        _head = 0;
    }

    private void Count(SprayFailureRow row, int delta)
    {
        while (_ipsByAccount.Count <= row.Account) _ipsByAccount.Add(null);
        var ips = _ipsByAccount[row.Account] ??= [];
        var before = ips.Count;
        var n = ips.GetValueOrDefault(row.Ip) + delta;
        if (n <= 0) ips.Remove(row.Ip);
        else ips[row.Ip] = n;
        if (before < 2 && ips.Count >= 2) SprayedAccounts++;
        else if (before >= 2 && ips.Count < 2) SprayedAccounts--;
    }
}
