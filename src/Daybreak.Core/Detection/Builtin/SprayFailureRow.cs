namespace Daybreak.Detection.Builtin;

/// <summary>A spray failure with its account, IP and ASN as ids of a <see cref="SprayKeys"/> (ASN -1: none), and its
/// time beside it: pattern scans read rows, not the events scattered over the heap.</summary>
internal record struct SprayFailureRow(KeptSignIn Failure, DateTime Time, int Account, int Ip, int Asn)
{
    /// <summary>Resolved, won or otherwise taken out of the window before it expired.</summary>
    public bool Removed;
}

/// <summary>The ids of the accounts, IPs and ASNs of a set of spray failures. A failure without IP takes the id of
/// <see cref="MissingIp"/>: it counts as one IP value, as the detection always counted it, and is never part of a pattern.</summary>
internal sealed class SprayKeys
{
    public const string MissingIp = "";

    public CountedIds<string> Accounts { get; } = new(StringComparer.Ordinal);
    public CountedIds<string> Ips { get; } = new(StringComparer.Ordinal);
    public CountedIds<long> Asns { get; } = new();

    public SprayFailureRow Add(string account, KeptSignIn failure) =>
        new(failure, failure.Time, Accounts.Add(account), Ips.Add(failure.Ip ?? MissingIp), failure.Asn is { } asn ? Asns.Add(asn) : -1);

    public void Release(SprayFailureRow row)
    {
        Accounts.Release(row.Account);
        Ips.Release(row.Ip);
        if (row.Asn >= 0) Asns.Release(row.Asn);
    }

    /// <summary>Rows for failures that are not in a window (a pattern over an earlier time), with ids of their own.</summary>
    public static (List<SprayFailureRow> Rows, SprayKeys Keys) Of(IEnumerable<(string Account, KeptSignIn Failure)> failures)
    {
        var keys = new SprayKeys();
        return ([.. failures.Select(f => keys.Add(f.Account, f.Failure))], keys);
    }
}
