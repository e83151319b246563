using System.Runtime.InteropServices;
using Daybreak.Events;

namespace Daybreak.Correlation;

/// <summary>
/// How many distinct identities each IP served over the whole stream, counted up to a cap. An IP behind which many
/// unrelated people work (office NAT, VPN concentrator, mobile carrier) joins nothing. Memory is one small set per
/// IP, never more than the cap.
/// </summary>
public sealed class IpPopularity
{
    // Most IPs serve one identity: the value is that identity's string until a second one comes, then a set. A set per
    // IP was most of a hunt's live heap on a tenant whose sign-ins came from hundreds of thousands of IPs.
    private readonly Dictionary<string, object> _identities = new(StringComparer.Ordinal);
    private readonly HashSet<string> _users = new(StringComparer.Ordinal);
    private readonly int _cap;

    /// <param name="sharedAbove">An IP seen with more distinct identities than this is shared.</param>
    public IpPopularity(int sharedAbove)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sharedAbove, 1);
        SharedAbove = sharedAbove;
        _cap = sharedAbove + 1;
    }

    public int SharedAbove { get; }

    /// <summary>Distinct user principal names seen over the stream: the tenant's users as its logs name them. (Object ids
    /// are not counted: a user named by UPN in one log and by object id in another would count twice.)</summary>
    public int Users => _users.Count;

    public void Observe(AuditEvent evt)
    {
        // The UPN is normalised once, for the count of users and for the IP's identities.
        var upn = evt.Actor.Upn;
        string? user = null;
        if (!string.IsNullOrEmpty(upn)) _users.Add(user = upn.Trim().ToLowerInvariant());
        var ip = evt.Network.Ip;
        var who = upn ?? evt.Actor.ObjectId;
        if (string.IsNullOrEmpty(ip) || string.IsNullOrEmpty(who)) return;
        Record(ip.Trim().ToLowerInvariant(), user ?? who.Trim().ToLowerInvariant());
    }

    public void Observe(string ip, string identity) => Record(ip.Trim().ToLowerInvariant(), identity.Trim().ToLowerInvariant());

    private void Record(string ip, string identity)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_identities, ip, out var exists);
        if (!exists) slot = identity;
        else if (slot is string one)
        {
            if (one != identity) slot = new HashSet<string>(StringComparer.Ordinal) { one, identity };
        }
        else if (slot is HashSet<string> set && set.Count < _cap) set.Add(identity);
    }

    /// <summary>True when the IP served more than <see cref="SharedAbove"/> distinct identities.</summary>
    public bool IsShared(string ip) => _identities.TryGetValue(ip, out var seen) && (seen is HashSet<string> set ? set.Count : 1) > SharedAbove;
}
