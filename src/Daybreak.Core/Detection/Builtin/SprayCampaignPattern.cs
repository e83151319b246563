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

    private SprayCampaignPattern(Dictionary<string, List<KeptSignIn>> members, HashSet<string> ips, HashSet<long> asns)
    {
        Members = members;
        _ips = ips;
        _asns = asns;
    }

    /// <summary>Member accounts and their failures that match the pattern, each account's in time order.</summary>
    public IReadOnlyDictionary<string, List<KeptSignIn>> Members { get; }

    public bool Matches(KeptSignIn failure) =>
        failure.Ip is { } ip && _ips.Contains(ip) || failure.Asn is { } asn && _asns.Contains(asn);

    /// <summary>True when at least two distinct IPs of <paramref name="failures"/> match the pattern.</summary>
    public bool Covers(IEnumerable<KeptSignIn> failures) => failures.Where(Matches).Select(f => f.Ip).Distinct().Count() >= 2;

    /// <summary>The campaign pattern of a window's failures, whose ids are <paramref name="keys"/>'; <paramref name="table"/>
    /// is scratch space, kept from one scan to the next.</summary>
    public static SprayCampaignPattern Find(List<SprayFailureRow> failures, SprayKeys keys, int minSharedAccounts, SprayFailureTable table)
    {
        // Runs over a whole window of failures (tens of thousands in a tenant-wide spray) each time a pattern is found:
        // over ids, in arrays (see SprayFailureTable).
        table.Load(failures, keys);
        var alive = table.Alive;
        for (var start = 0; start < table.Count; start = table.GroupEnd(start))
        {
            // Before any pattern: an account needs failures from two IPs to take part.
            if (table.DistinctIps(start) < 2) Array.Fill(alive, false, start, table.GroupEnd(start) - start);
        }
        bool changed;
        do
        {
            table.CountAccounts();
            changed = false;
            for (var start = 0; start < table.Count; start = table.GroupEnd(start))
            {
                var end = table.GroupEnd(start);
                for (var i = start; i < end; i++)
                {
                    if (!alive[i] || table.Matches(i, minSharedAccounts)) continue;
                    alive[i] = false;
                    changed = true;
                }
                if (table.DistinctIps(start) >= 2) continue;
                for (var i = start; i < end; i++)
                {
                    changed |= alive[i];
                    alive[i] = false;
                }
            }
        } while (changed);
        return new SprayCampaignPattern(table.Members(), table.SharedIps(minSharedAccounts), table.SharedAsns(minSharedAccounts));
    }
}
