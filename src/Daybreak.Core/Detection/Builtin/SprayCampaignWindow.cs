using Daybreak.Events;

namespace Daybreak.Detection.Builtin;

/// <summary>
/// The failures of the last campaign window, counted incrementally (per account: distinct IPs; overall: distinct
/// IPs), so deciding "is this a campaign?" costs O(1) per failure instead of a scan of every account's history.
/// Failures that stop counting early (a typo resolved by the owner's success, an account whose spray ended in a
/// success alert) are removed when that happens and skipped when they would have expired.
/// </summary>
internal sealed class SprayCampaignWindow(TimeSpan window)
{
    private readonly Queue<(AuditEvent Failure, string Account)> _queue = new();
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> _ipsByAccount = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _ips = new(StringComparer.Ordinal);

    /// <summary>Accounts with failures from at least two IPs inside the window.</summary>
    public int SprayedAccounts { get; private set; }

    public int DistinctIps => _ips.Count;

    /// <summary>The time the window was last expired to: it holds every failure that still counts since a window before that.</summary>
    public DateTime ExpiredTo { get; private set; } = DateTime.MinValue;

    /// <summary>Accounts with failures from at least two IPs in the window: the only ones that can be part of a campaign
    /// in any window that ends at or after <see cref="ExpiredTo"/>.</summary>
    public IEnumerable<string> AccountsWithTwoIps => _ipsByAccount.Where(kv => kv.Value.Count >= 2).Select(kv => kv.Key);

    /// <summary>Failures inside the window that still count.</summary>
    public int Failures => _queue.Count - _removed.Count;

    /// <summary>Failures added so far.</summary>
    public long Added { get; private set; }

    /// <summary>Failures added, removed or expired so far: what a pattern found over the window may have missed since.</summary>
    public long Changes { get; private set; }

    public void Add(string account, AuditEvent failure)
    {
        _queue.Enqueue((failure, account));
        Count(account, failure, +1);
        Added++;
        Changes++;
    }

    public void Remove(string account, AuditEvent failure)
    {
        // A failure the window already let go of was uncounted then (an account's failures go back further than the
        // window): counting it off again would take another failure's IP with it, and its id would stay in the
        // removed set for good.
        if (ExpiredTo - failure.Time > window) return;
        if (!_removed.Add(failure.RecordId)) return;
        Count(account, failure, -1);
        Changes++;
    }

    /// <summary>Drops failures older than the window.</summary>
    public void Expire(DateTime now)
    {
        if (now > ExpiredTo) ExpiredTo = now;
        while (_queue.TryPeek(out var head) && now - head.Failure.Time > window)
        {
            _queue.Dequeue();
            if (_removed.Remove(head.Failure.RecordId)) continue;
            Count(head.Account, head.Failure, -1);
            Changes++;
        }
    }

    private void Count(string account, AuditEvent failure, int delta)
    {
        var ip = failure.Network.Ip ?? "";
        if (!_ipsByAccount.TryGetValue(account, out var ips)) _ipsByAccount[account] = ips = new(StringComparer.Ordinal);
        var before = ips.Count;
        Bump(ips, ip, delta);
        if (before < 2 && ips.Count >= 2) SprayedAccounts++;
        else if (before >= 2 && ips.Count < 2) SprayedAccounts--;
        if (ips.Count == 0) _ipsByAccount.Remove(account);
        Bump(_ips, ip, delta);
    }

    private static void Bump(Dictionary<string, int> counts, string key, int delta)
    {
        var n = counts.GetValueOrDefault(key) + delta;
        if (n <= 0) counts.Remove(key);
        else counts[key] = n;
    }
}
