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
    private readonly EntityTable<object> _tenantNetworks;
    private readonly CompromiseFollowUp _followUp;
    private static readonly string[] FollowUpTechniques = ["T1539", "T1114.002"];

    public SessionReplayDetection(SessionReplayDetectionOptions? options = null)
    {
        _o = options ?? new SessionReplayDetectionOptions();
        _o.Validate();
        _sessions = new KeptSignInTable(_o.SessionLifetime);
        _users = new EntityTable<UserState>(_o.HistoryRetention, () => new UserState());
        _tenantNetworks = EntityTable.OfKeys(_o.HistoryRetention);
        _followUp = new CompromiseFollowUp(_o.FollowUpWindow);
    }

    public string Name => "session-replay";

    private sealed class UserState
    {
        public DateTime FirstSeen = DateTime.MaxValue;
        public readonly HashSet<string> Networks = new(StringComparer.Ordinal);
        public readonly KeptSignInTable.UserNumbers Numbers = new(); // the user's names as the session table numbers them
    }

    // Network keys by ASN, made (and numbered for the session table) once each: a key per sign-in was most of this
    // detection's allocation.
    private readonly Dictionary<long, (string Key, int Number)> _asnKeys = [];

    /// <summary>Where a request came from, at the grain the logs give: the ASN, else the country; and its number.</summary>
    private string? NetworkOf(AuditEvent evt, out int number)
    {
        if (evt.Network.Asn is { } asn)
        {
            ref var known = ref CollectionsMarshal.GetValueRefOrAddDefault(_asnKeys, asn, out var exists);
            if (!exists)
            {
                var made = "as" + asn;
                known = (made, _networks.Of(made));
            }
            number = known.Number;
            return known.Key;
        }
        var key = evt.Network.Country is { Length: > 0 } c ? "cc:" + c.ToLowerInvariant() : null;
        number = _networks.Of(key);
        return key;
    }

    public void Observe(AuditEvent evt, IAlertSink alerts)
    {
        if (_followUp.Match(evt) is { } replay)
        {
            alerts.Raise(BuiltinAlert.Create(Name + ".follow-up", "Mailbox activity on a replayed session", Severity.High, FollowUpTechniques, evt, [replay],
                $"{evt.Operation} by {evt.Actor.Upn} from {evt.Network.Ip}, on the session replayed at {replay.Time:u} or from its IP."));
            return;
        }
        if (!SignIns.IsUserSignIn(evt) || NetworkOf(evt, out var networkNumber) is not { } network) return;
        var user = SignIns.UserKey(evt)!;
        var u = _users.Touch(user, evt.Time);
        if (u.FirstSeen > evt.Time) u.FirstSeen = evt.Time;
        var newToUser = !u.Networks.Contains(network);
        var newToTenant = !_tenantNetworks.IsLive(network, evt.Time);
        // One record per sign-in, shared by its session and its token.
        var issued = -1;
        Check(evt.Auth.SessionId, token: false, evt, networkNumber, u, newToTenant, newToUser, ref issued, alerts);
        Check(evt.Auth.UniqueTokenId, token: true, evt, networkNumber, u, newToTenant, newToUser, ref issued, alerts);
        // Only successful sign-ins teach us a user's networks: an attacker's failures must not make their network "known".
        if (SignIns.IsSuccess(evt))
        {
            u.Networks.Add(network);
            _tenantNetworks.Touch(network, evt.Time);
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
