using System.Runtime.InteropServices;
using Daybreak.Events;

namespace Daybreak.Detection.Builtin;

/// <summary>
/// A session replayed from somewhere else: the same SessionId (or UniqueTokenId) used from a different ASN (or, where
/// ASNs are unknown, country) than the sign-in that issued it, from a network the user never signed in from. The mark
/// of an adversary-in-the-middle proxy handing a stolen session cookie to the attacker. Raised once per session.
/// </summary>
public sealed class SessionReplayDetection : IDetection
{
    private static readonly string[] Techniques = ["T1539", "T1550.004", "T1557"];

    private readonly SessionReplayDetectionOptions _o;
    private readonly KeptSignInTable _sessions;
    private readonly InternedStrings _networks = new();
    private readonly EntityTable<UserState> _users;
    // When anyone in the tenant last signed in successfully from each network, by network number (-1: never): networks
    // are few (the ASNs and countries of the world), so a list by number answers what a table by name answered with a
    // string hash and comparison on every sign-in.
    private readonly List<long> _tenantNetworkSeen = [];
    private readonly CompromiseFollowUp _followUp;
    private static readonly string[] FollowUpTechniques = ["T1539", "T1114.002"];

    public SessionReplayDetection(SessionReplayDetectionOptions? options = null)
    {
        _o = options ?? new SessionReplayDetectionOptions();
        _o.Validate();
        _sessions = new KeptSignInTable(_o.SessionLifetime);
        _users = new EntityTable<UserState>(_o.HistoryRetention, () => new UserState());
        _followUp = new CompromiseFollowUp(_o.FollowUpWindow);
    }

    public string Name => "session-replay";

    private sealed class UserState
    {
        public DateTime FirstSeen = DateTime.MaxValue;
        public readonly HashSet<int> Networks = []; // numbers of the networks the user signed in from successfully
        public readonly KeptSignInTable.UserNumbers Numbers = new(); // the user's names as the session table numbers them
    }

    // Network numbers by ASN and by country as the log spells it, made once each: a key per sign-in was most of this
    // detection's allocation.
    private readonly Dictionary<long, int> _asnNumbers = [];
    private readonly Dictionary<string, int> _countryNumbers = new(StringComparer.Ordinal);

    /// <summary>The number of where a request came from, at the grain the logs give: the ASN, else the country; -1 for
    /// neither.</summary>
    private int NetworkOf(AuditEvent evt)
    {
        if (evt.Network.Asn is { } asn)
        {
            ref var known = ref CollectionsMarshal.GetValueRefOrAddDefault(_asnNumbers, asn, out var exists);
            if (!exists) known = Number("as" + asn);
            return known;
        }
        if (evt.Network.Country is not { Length: > 0 } country) return -1;
        ref var byCountry = ref CollectionsMarshal.GetValueRefOrAddDefault(_countryNumbers, country, out var seen);
        if (!seen) byCountry = Number("cc:" + country.ToLowerInvariant());
        return byCountry;
    }

    private int Number(string network)
    {
        var number = _networks.Of(network);
        while (_tenantNetworkSeen.Count <= number) _tenantNetworkSeen.Add(-1);
        return number;
    }

    /// <summary>Someone in the tenant signed in successfully from the network within the history retention before
    /// <paramref name="now"/> (as an entity table's liveness: a later sighting counts too).</summary>
    private bool IsLiveInTenant(int network, DateTime now) =>
        _tenantNetworkSeen[network] is var ticks and >= 0 && now - new DateTime(ticks) <= _o.HistoryRetention;

    public void Observe(AuditEvent evt, IAlertSink alerts)
    {
        if (_followUp.Match(evt) is { } replay)
        {
            alerts.Raise(BuiltinAlert.Create(Name + ".follow-up", "Mailbox activity on a replayed session", Severity.High, FollowUpTechniques, evt, [replay],
                $"{evt.Operation} by {evt.Actor.Upn} from {evt.Network.Ip}, on the session replayed at {replay.Time:u} or from its IP."));
            return;
        }
        if (!SignIns.IsUserSignIn(evt)) return;
        var network = NetworkOf(evt);
        if (network < 0) return;
        var user = SignIns.UserKey(evt)!;
        var u = _users.Touch(user, evt.Time);
        if (u.FirstSeen > evt.Time) u.FirstSeen = evt.Time;
        var newToUser = !u.Networks.Contains(network);
        var newToTenant = !IsLiveInTenant(network, evt.Time);
        // One record per sign-in, shared by its session and its token.
        var issued = -1;
        Check(evt.Auth.SessionId, token: false, evt, network, u, newToTenant, newToUser, ref issued, alerts);
        Check(evt.Auth.UniqueTokenId, token: true, evt, network, u, newToTenant, newToUser, ref issued, alerts);
        // Only successful sign-ins teach us a user's networks: an attacker's failures must not make their network "known".
        if (SignIns.IsSuccess(evt))
        {
            u.Networks.Add(network);
            ref var seen = ref CollectionsMarshal.AsSpan(_tenantNetworkSeen)[network];
            if (seen < 0 || evt.Time.Ticks > seen) seen = evt.Time.Ticks;
        }
    }

    private void Check(string? id, bool token, AuditEvent evt, int network, UserState u, bool newToTenant, bool newToUser, ref int issued, IAlertSink alerts)
    {
        if (string.IsNullOrWhiteSpace(id)) return;
        // Ids are matched lower-cased. Entra writes session ids in lower-case ASCII; only others are lower-cased, into a buffer.
        Span<char> small = stackalloc char[128];
        scoped ReadOnlySpan<char> chars = id;
        char[]? rented = null;
        if (chars.ContainsAnyInRange('A', 'Z') || !System.Text.Ascii.IsValid(chars))
        {
            var lower = id.Length <= small.Length ? small[..id.Length] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(id.Length)).AsSpan(0, id.Length);
            chars.ToLowerInvariant(lower);
            chars = lower;
        }
        var s = _sessions.Touch(chars, evt.Time, evt, network, u.Numbers, ref issued);
        if (rented is not null) System.Buffers.ArrayPool<char>.Shared.Return(rented);
        if (s < 0) return;
        if (_sessions.Raised(s, token) || _sessions.NetworkOf(s) == network || !SignIns.IsSuccess(evt)) return;
        if (!newToUser || evt.Time - u.FirstSeen < _o.UserBaseline || (_o.RequireNewToTenant && !newToTenant)) return;
        _sessions.MarkRaised(s, token);
        var i = _sessions.ToEvent(s);
        _followUp.Mark(evt, evt.Auth.SessionId);
        alerts.Raise(BuiltinAlert.Create(Name, "Session replayed from a new network", Severity.High, Techniques, evt, [i],
            $"Session {id} of {evt.Actor.Upn ?? SignIns.UserKey(evt)}, issued at {i.Time:u} from {i.Network.Ip} ({Describe(i)}), was used at {evt.Time:u} from {evt.Network.Ip} " +
            $"({Describe(evt)}), a network this user never signed in from{(newToTenant ? ", nor anyone in the tenant" : "")}."));
    }

    public void Flush(IAlertSink alerts)
    {
    }

    private static string Describe(AuditEvent e) => $"AS{e.Network.Asn?.ToString() ?? "?"}, {e.Network.Country ?? "??"}";
}
