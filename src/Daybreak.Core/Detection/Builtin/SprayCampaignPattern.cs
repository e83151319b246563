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
        var members = failuresByAccount.Where(kv => DistinctIps(kv.Value) >= 2).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        while (true)
        {
            var ips = Shared(members, f => f.Network.Ip, minSharedAccounts);
            var asns = Shared(members, f => f.Network.Asn?.ToString(System.Globalization.CultureInfo.InvariantCulture), minSharedAccounts);
            var pattern = new SprayCampaignPattern(members, ips, [.. asns.Select(a => long.Parse(a, System.Globalization.CultureInfo.InvariantCulture))]);
            var narrowed = members
                .Select(kv => KeyValuePair.Create(kv.Key, kv.Value.Where(pattern.Matches).ToList()))
                .Where(kv => DistinctIps(kv.Value) >= 2)
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            if (narrowed.Count == members.Count && narrowed.Sum(kv => kv.Value.Count) == members.Sum(kv => kv.Value.Count))
                return pattern;
            members = narrowed;
        }
    }

    /// <summary>The values of <paramref name="key"/> that occur in the failures of at least <paramref name="min"/> accounts.</summary>
    private static HashSet<string> Shared(Dictionary<string, List<AuditEvent>> members, Func<AuditEvent, string?> key, int min)
    {
        var accounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var failures in members.Values)
        {
            seen.Clear();
            foreach (var f in failures)
            {
                if (key(f) is { } value && seen.Add(value)) accounts[value] = accounts.GetValueOrDefault(value) + 1;
            }
        }
        return new HashSet<string>(accounts.Where(kv => kv.Value >= min).Select(kv => kv.Key), StringComparer.Ordinal);
    }

    private static int DistinctIps(IEnumerable<AuditEvent> failures) => failures.Select(f => f.Network.Ip).Distinct().Count();
}
