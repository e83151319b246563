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
    private readonly EntityTable<SessionState> _sessions;
    private readonly EntityTable<UserState> _users;
    private readonly EntityTable<object> _tenantNetworks;
    private readonly CompromiseFollowUp _followUp;
    private static readonly string[] FollowUpTechniques = ["T1539", "T1114.002"];

    public SessionReplayDetection(SessionReplayDetectionOptions? options = null)
    {
        _o = options ?? new SessionReplayDetectionOptions();
        _o.Validate();
        _sessions = new EntityTable<SessionState>(_o.SessionLifetime, () => new SessionState());
        _users = new EntityTable<UserState>(_o.HistoryRetention, () => new UserState());
        _tenantNetworks = new EntityTable<object>(_o.HistoryRetention, () => new object());
        _followUp = new CompromiseFollowUp(_o.FollowUpWindow);
    }

    public string Name => "session-replay";

    private sealed class SessionState
    {
        public AuditEvent? Issued;
        public bool Raised;
    }

    private sealed class UserState
    {
        public DateTime FirstSeen = DateTime.MaxValue;
        public readonly HashSet<string> Networks = new(StringComparer.Ordinal);
    }

    /// <summary>Where a request came from, at the grain the logs give: the ASN, else the country.</summary>
    private static string? NetworkOf(AuditEvent evt) =>
        evt.Network.Asn is { } asn ? "as" + asn : evt.Network.Country is { Length: > 0 } c ? "cc:" + c.ToLowerInvariant() : null;

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
        foreach (var id in new[] { evt.Auth.SessionId, evt.Auth.UniqueTokenId })
        {
            if (string.IsNullOrWhiteSpace(id)) continue;
            var s = _sessions.Touch(id.ToLowerInvariant(), evt.Time);
            if (s.Issued is null)
            {
                s.Issued = evt.WithoutRaw();
                continue;
            }
            if (s.Raised || NetworkOf(s.Issued) == network || !SignIns.IsSuccess(evt)) continue;
            if (!newToUser || evt.Time - u.FirstSeen < _o.UserBaseline || (_o.RequireNewToTenant && !newToTenant)) continue;
            s.Raised = true;
            var i = s.Issued;
            _followUp.Mark(evt, evt.Auth.SessionId);
            alerts.Raise(BuiltinAlert.Create(Name, "Session replayed from a new network", Severity.High, Techniques, evt, [i],
                $"Session {id} of {evt.Actor.Upn ?? user}, issued at {i.Time:u} from {i.Network.Ip} ({Describe(i)}), was used at {evt.Time:u} from {evt.Network.Ip} " +
                $"({Describe(evt)}), a network this user never signed in from{(newToTenant ? ", nor anyone in the tenant" : "")}."));
        }
        // Only successful sign-ins teach us a user's networks: an attacker's failures must not make their network "known".
        if (SignIns.IsSuccess(evt))
        {
            u.Networks.Add(network);
            _tenantNetworks.Touch(network, evt.Time);
        }
    }

    public void Flush(IAlertSink alerts)
    {
    }

    private static string Describe(AuditEvent e) => $"AS{e.Network.Asn?.ToString() ?? "?"}, {e.Network.Country ?? "??"}";
}
