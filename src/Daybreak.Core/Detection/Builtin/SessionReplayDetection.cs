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
    private readonly EntityTable<IssuingSignIn> _sessions;
    private readonly EntityTable<UserState> _users;
    private readonly EntityTable<object> _tenantNetworks;
    private readonly CompromiseFollowUp _followUp;
    private static readonly string[] FollowUpTechniques = ["T1539", "T1114.002"];

    public SessionReplayDetection(SessionReplayDetectionOptions? options = null)
    {
        _o = options ?? new SessionReplayDetectionOptions();
        _o.Validate();
        _sessions = EntityTable.SetOnly<IssuingSignIn>(_o.SessionLifetime);
        _users = new EntityTable<UserState>(_o.HistoryRetention, () => new UserState());
        _tenantNetworks = EntityTable.OfKeys(_o.HistoryRetention);
        _followUp = new CompromiseFollowUp(_o.FollowUpWindow);
    }

    public string Name => "session-replay";

    /// <summary>
    /// What a session (and its token) keeps of the sign-in that issued it (sessions live for days and all but a few are
    /// never replayed), with the user's names shared from <see cref="UserState"/>. It is also the table's state for its
    /// session id and its token id, with whether each was raised already.
    /// </summary>
    private sealed class IssuingSignIn(AuditEvent e, string network, UserState u) : KeptSignIn(e, u.Names)
    {
        public readonly string Network = network;
        public bool SessionRaised;
        public bool TokenRaised;
    }

    private sealed class UserState
    {
        public DateTime FirstSeen = DateTime.MaxValue;
        public readonly HashSet<string> Networks = new(StringComparer.Ordinal);
        public readonly UserNames Names = new();
    }

    // Network keys by ASN, made once each: a key per sign-in was most of this detection's allocation.
    private readonly Dictionary<long, string> _asnKeys = [];

    /// <summary>Where a request came from, at the grain the logs give: the ASN, else the country.</summary>
    private string? NetworkOf(AuditEvent evt)
    {
        if (evt.Network.Asn is { } asn)
        {
            if (!_asnKeys.TryGetValue(asn, out var key)) _asnKeys[asn] = key = "as" + asn;
            return key;
        }
        return evt.Network.Country is { Length: > 0 } c ? "cc:" + c.ToLowerInvariant() : null;
    }

    public void Observe(AuditEvent evt, IAlertSink alerts)
    {
        if (_followUp.Match(evt) is { } replay)
        {
            alerts.Raise(BuiltinAlert.Create(Name + ".follow-up", "Mailbox activity on a replayed session", Severity.High, FollowUpTechniques, evt, [replay],
                $"{evt.Operation} by {evt.Actor.Upn} from {evt.Network.Ip}, on the session replayed at {replay.Time:u} or from its IP."));
            return;
        }
        if (!SignIns.IsUserSignIn(evt) || NetworkOf(evt) is not { } network) return;
        var user = SignIns.UserKey(evt)!;
        var u = _users.Touch(user, evt.Time);
        if (u.FirstSeen > evt.Time) u.FirstSeen = evt.Time;
        var newToUser = !u.Networks.Contains(network);
        var newToTenant = !_tenantNetworks.IsLive(network, evt.Time);
        // One record per sign-in, shared by its session and its token.
        IssuingSignIn? issued = null;
        Check(evt.Auth.SessionId, token: false, evt, network, u, newToTenant, newToUser, ref issued, alerts);
        Check(evt.Auth.UniqueTokenId, token: true, evt, network, u, newToTenant, newToUser, ref issued, alerts);
        // Only successful sign-ins teach us a user's networks: an attacker's failures must not make their network "known".
        if (SignIns.IsSuccess(evt))
        {
            u.Networks.Add(network);
            _tenantNetworks.Touch(network, evt.Time);
        }
    }

    private void Check(string? id, bool token, AuditEvent evt, string network, UserState u, bool newToTenant, bool newToUser, ref IssuingSignIn? issued, IAlertSink alerts)
    {
        if (string.IsNullOrWhiteSpace(id)) return;
        // Entra writes these ids in lower-case ASCII; only others need a lower-cased copy.
        var lower = id.AsSpan().ContainsAnyInRange('A', 'Z') || !System.Text.Ascii.IsValid(id) ? id.ToLowerInvariant() : id;
        ref var slot = ref _sessions.Slot(lower, evt.Time, out var known);
        if (!known)
        {
            slot = issued ??= new IssuingSignIn(evt, network, u);
            return;
        }
        var s = slot;
        if ((token ? s.TokenRaised : s.SessionRaised) || s.Network == network || !SignIns.IsSuccess(evt)) return;
        if (!newToUser || evt.Time - u.FirstSeen < _o.UserBaseline || (_o.RequireNewToTenant && !newToTenant)) return;
        if (token) s.TokenRaised = true;
        else s.SessionRaised = true;
        var i = s.ToEvent();
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
