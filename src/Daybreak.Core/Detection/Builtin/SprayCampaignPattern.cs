using Daybreak.Events;

namespace Daybreak.Detection.Builtin;

/// <summary>
/// Which accounts' foreign failures belong to one spray campaign. A sprayer's proxies rotate, but over a window the
/// same IPs, or at least the same few residential ASNs, fail for many accounts; a traveller's failures come from a hotel
/// or a foreign carrier nobody else in the tenant fails from. An IP or ASN is part of the campaign's pattern when
/// failures from it hit at least <c>minSharedAccounts</c> member accounts; a member is an account with failures from
/// at least two distinct IPs that match the pattern. Membership and pattern depend on each other, so both are narrowed
/// together until nothing changes (an account dropped can take an ASN below the bar, which can drop another account).
/// </summary>
internal sealed class SprayCampaignPattern
{
    private readonly HashSet<string> _ips;
    private readonly HashSet<long> _asns;

    private SprayCampaignPattern(Dictionary<string, List<AuditEvent>> members, HashSet<string> ips, HashSet<long> asns)
    {
        Members = members;
        _ips = ips;
        _asns = asns;
    }

    /// <summary>Member accounts and their failures that match the pattern.</summary>
    public IReadOnlyDictionary<string, List<AuditEvent>> Members { get; }

    public bool Matches(AuditEvent failure) =>
        failure.Network.Ip is { } ip && _ips.Contains(ip) || failure.Network.Asn is { } asn && _asns.Contains(asn);

    /// <summary>True when at least two distinct IPs of <paramref name="failures"/> match the pattern.</summary>
    public bool Covers(IEnumerable<AuditEvent> failures) => DistinctIps(failures.Where(Matches)) >= 2;

    public static SprayCampaignPattern Find(IEnumerable<KeyValuePair<string, List<AuditEvent>>> failuresByAccount, int minSharedAccounts)
    {
        // Runs over a whole window of failures each time a pattern is found: no LINQ, no string per ASN.
        var scratch = new HashSet<string>(StringComparer.Ordinal);
        var members = new Dictionary<string, List<AuditEvent>>(StringComparer.Ordinal);
        foreach (var (account, failures) in failuresByAccount)
        {
            if (DistinctIps(failures, scratch) >= 2) members[account] = failures;
        }
        while (true)
        {
            var pattern = new SprayCampaignPattern(members, SharedIps(members, minSharedAccounts), SharedAsns(members, minSharedAccounts));
            var narrowed = new Dictionary<string, List<AuditEvent>>(members.Count, StringComparer.Ordinal);
            var changed = false;
            foreach (var (account, failures) in members)
            {
                var matching = failures.FindAll(pattern.Matches);
                changed |= matching.Count != failures.Count;
                if (DistinctIps(matching, scratch) >= 2) narrowed[account] = matching;
                else changed = true;
            }
            if (!changed) return pattern;
            members = narrowed;
        }
    }

    /// <summary>The IPs that occur in the failures of at least <paramref name="min"/> accounts.</summary>
    private static HashSet<string> SharedIps(Dictionary<string, List<AuditEvent>> members, int min)
    {
        var accounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var failures in members.Values)
        {
            seen.Clear();
            foreach (var f in failures)
            {
                if (f.Network.Ip is { } ip && seen.Add(ip)) accounts[ip] = accounts.GetValueOrDefault(ip) + 1;
            }
        }
        return [.. accounts.Where(kv => kv.Value >= min).Select(kv => kv.Key)];
    }

    /// <summary>The ASNs that occur in the failures of at least <paramref name="min"/> accounts.</summary>
    private static HashSet<long> SharedAsns(Dictionary<string, List<AuditEvent>> members, int min)
    {
        var accounts = new Dictionary<long, int>();
        var seen = new HashSet<long>();
        foreach (var failures in members.Values)
        {
            seen.Clear();
            foreach (var f in failures)
            {
                if (f.Network.Asn is { } asn && seen.Add(asn)) accounts[asn] = accounts.GetValueOrDefault(asn) + 1;
            }
        }
        return [.. accounts.Where(kv => kv.Value >= min).Select(kv => kv.Key)];
    }

    private static int DistinctIps(IEnumerable<AuditEvent> failures) => failures.Select(f => f.Network.Ip).Distinct().Count();

    /// <summary>As above (a missing IP counts as one value), counted in <paramref name="scratch"/>.</summary>
    private static int DistinctIps(List<AuditEvent> failures, HashSet<string> scratch)
    {
        scratch.Clear();
        var missing = 0;
        foreach (var f in failures)
        {
            if (f.Network.Ip is { } ip) scratch.Add(ip);
            else missing = 1;
        }
        return scratch.Count + missing;
    }
}
