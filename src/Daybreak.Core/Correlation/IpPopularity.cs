using Daybreak.Events;

namespace Daybreak.Correlation;

/// <summary>
/// How many distinct identities each IP served over the whole stream, counted up to a cap. An IP behind which many
/// unrelated people work (office NAT, VPN concentrator, mobile carrier) joins nothing. Memory is one small set per
/// IP, never more than the cap.
/// </summary>
public sealed class IpPopularity
{
    private readonly Dictionary<string, HashSet<string>> _identities = new(StringComparer.Ordinal);
    private readonly int _cap;

    /// <param name="sharedAbove">An IP seen with more distinct identities than this is shared.</param>
    public IpPopularity(int sharedAbove)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sharedAbove, 1);
        SharedAbove = sharedAbove;
        _cap = sharedAbove + 1;
    }

    public int SharedAbove { get; }

    public void Observe(AuditEvent evt)
    {
        var ip = evt.Network.Ip;
        var who = evt.Actor.Upn ?? evt.Actor.ObjectId;
        if (string.IsNullOrEmpty(ip) || string.IsNullOrEmpty(who)) return;
        Observe(ip, who);
    }

    public void Observe(string ip, string identity)
    {
        ip = ip.Trim().ToLowerInvariant();
        if (!_identities.TryGetValue(ip, out var set)) _identities[ip] = set = new HashSet<string>(StringComparer.Ordinal);
        if (set.Count < _cap) set.Add(identity.Trim().ToLowerInvariant());
    }

    /// <summary>True when the IP served more than <see cref="SharedAbove"/> distinct identities.</summary>
    public bool IsShared(string ip) => _identities.TryGetValue(ip, out var set) && set.Count > SharedAbove;
}
