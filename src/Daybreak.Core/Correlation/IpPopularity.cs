using Daybreak.Collections;
using Daybreak.Events;

namespace Daybreak.Correlation;

/// <summary>
/// How many distinct identities each IP served over the whole stream, counted up to a cap. An IP behind which many
/// unrelated people work (office NAT, VPN concentrator, mobile carrier) joins nothing. IPs and identities are numbered
/// (<see cref="TextNumbers"/>) and each IP keeps its first identity's number in a struct; only an IP that served a second
/// identity gets a set, never larger than the cap. A hunt sees hundreds of thousands of IPs, nearly all serving one
/// identity: as a dictionary of IP strings, this table and the scoper's were a third of a hunt's time without detections.
/// </summary>
public sealed class IpPopularity
{
    private struct Served
    {
        public int First;   // 1 + the number of the first identity seen; 0: the IP was numbered but served no one yet
    }

    private readonly TextNumbers _identities = new();
    private readonly ChunkedArray<Served> _served = new(256);
    // The IPs that served more than one identity: every identity they served, up to the cap.
    private readonly Dictionary<int, HashSet<int>> _several = [];
    // Per identity number: whether it was seen as a UPN (a flag by number, where a set of numbers hashed on every event).
    private readonly ChunkedArray<bool> _isUser = new(256);
    private readonly int _cap;

    /// <param name="sharedAbove">An IP seen with more distinct identities than this is shared.</param>
    public IpPopularity(int sharedAbove)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sharedAbove, 1);
        SharedAbove = sharedAbove;
        _cap = sharedAbove + 1;
    }

    public int SharedAbove { get; }

    /// <summary>The IPs seen, as their keys (trimmed, lower-case), numbered.</summary>
    internal TextNumbers Ips { get; } = new();

    /// <summary>Distinct user principal names seen over the stream: the tenant's users as its logs name them. (Object ids
    /// are not counted: a user named by UPN in one log and by object id in another would count twice.)</summary>
    public int Users { get; private set; }

    public void Observe(AuditEvent evt) => ObserveIp(evt);

    /// <summary>Observes <paramref name="evt"/> and gives the number of its IP in <see cref="Ips"/> (numbered even when the
    /// event names no identity), or -1 when it has none: the scoper keys its own table by it rather than number it again.</summary>
    internal int ObserveIp(AuditEvent evt)
    {
        // The UPN is normalised once, for the count of users and for the IP's identities.
        var upn = evt.Actor.Upn;
        var user = -1;
        if (!string.IsNullOrEmpty(upn)) CountUser(user = _identities.Number(Key(upn)));
        var ip = evt.Network.Ip;
        if (string.IsNullOrEmpty(ip)) return -1;
        var number = Ips.Number(Key(ip));
        if (user < 0 && !string.IsNullOrEmpty(evt.Actor.ObjectId)) user = _identities.Number(Key(evt.Actor.ObjectId));
        if (user >= 0) Record(number, user);
        return number;
    }

    private void CountUser(int identity)
    {
        if (identity >= _isUser.Capacity) _isUser.EnsureCapacity(identity + 1);
        ref var isUser = ref _isUser[identity];
        if (isUser) return;
        isUser = true;
        Users++;
    }

    public void Observe(string ip, string identity) => Record(Ips.Number(Key(ip)), _identities.Number(Key(identity)));

    private void Record(int ip, int identity)
    {
        if (ip >= _served.Capacity) _served.EnsureCapacity(ip + 1);
        ref var served = ref _served[ip];
        if (served.First == 0) served.First = identity + 1;
        else if (served.First != identity + 1)
        {
            if (!_several.TryGetValue(ip, out var set)) _several[ip] = set = [served.First - 1];
            if (set.Count < _cap) set.Add(identity);
        }
    }

    /// <summary>True when the IP served more than <see cref="SharedAbove"/> distinct identities.</summary>
    public bool IsShared(string ip)
    {
        var number = Ips.Find(Key(ip));
        if (number < 0 || number >= _served.Capacity || _served[number].First == 0) return false;
        return (_several.TryGetValue(number, out var set) ? set.Count : 1) > SharedAbove;
    }

    /// <summary>IPs and identities match whatever their case and padding (no copy when the log wrote them so already).</summary>
    internal static string Key(string text) => text.Trim().ToLowerInvariant();
}
