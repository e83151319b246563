using Daybreak.Events;

namespace Daybreak.Detection.Builtin;

/// <summary>
/// MFA fatigue: repeated denied MFA prompts (500121, "user declined") for one user within a window, raised Medium at the
/// threshold; a successful MFA sign-in right after is raised High on the approval, with the denials and prompts as evidence.
/// </summary>
public sealed class MfaFatigueDetection : IDetection
{
    private static readonly string[] Techniques = ["T1621"];
    private static readonly string[] ApprovalTechniques = ["T1621", "T1078.004"];
    private static readonly string[] FollowUpTechniques = ["T1621", "T1114.002"];

    private readonly MfaFatigueDetectionOptions _o;
    private readonly HashSet<string> _codes;
    private readonly EntityTable<UserState> _users;
    private readonly CompromiseFollowUp _followUp;

    public MfaFatigueDetection(MfaFatigueDetectionOptions? options = null)
    {
        _o = options ?? new MfaFatigueDetectionOptions();
        _o.Validate();
        _codes = new HashSet<string>(_o.DenialCodes, StringComparer.Ordinal);
        _users = new EntityTable<UserState>(_o.Window + _o.ApprovalWindow, () => new UserState());
        _followUp = new CompromiseFollowUp(_o.FollowUpWindow);
    }

    public string Name => "mfa-fatigue";

    private sealed class UserState
    {
        public readonly List<AuditEvent> Denials = [];
        public readonly List<AuditEvent> Prompts = [];
        public bool Raised;
    }

    public void Observe(AuditEvent evt, IAlertSink alerts)
    {
        if (_followUp.Match(evt) is { } approval)
        {
            alerts.Raise(BuiltinAlert.Create(Name + ".follow-up", "Mailbox activity after an MFA fatigue approval", Severity.High, FollowUpTechniques, evt, [approval],
                $"{evt.Operation} by {evt.Actor.Upn} from {evt.Network.Ip} {(evt.Time - approval.Time).TotalMinutes:0} minutes after the MFA approval that ended a run of denials."));
            return;
        }
        if (!SignIns.IsUserSignIn(evt)) return;
        var key = SignIns.UserKey(evt)!;
        var code = evt.Outcome.Code;
        if (code is not null && _codes.Contains(code))
        {
            var s = _users.Touch(key, evt.Time);
            s.Denials.Add(evt.WithoutRaw());
            DropOlder(s.Denials, evt.Time, _o.Window);
            if (s.Raised || s.Denials.Count < _o.MinDenials) return;
            s.Raised = true;
            alerts.Raise(BuiltinAlert.Create(Name, "Repeated MFA denials (MFA fatigue)", Severity.Medium, Techniques, evt, s.Denials.Concat(s.Prompts),
                $"{evt.Actor.Upn ?? key} denied {s.Denials.Count} MFA prompts within {_o.Window.TotalMinutes:0} minutes, from {string.Join(", ", s.Denials.Select(d => d.Network.Ip).Distinct())}."));
            return;
        }
        if (_users.Peek(key) is not { } state) return;
        if (code == "50074" || code == "50076")
        {
            state.Prompts.Add(evt.WithoutRaw());
            DropOlder(state.Prompts, evt.Time, _o.Window + _o.ApprovalWindow);
            return;
        }
        // The approval is the attacker's own sign-in: interactive, from an IP the prompts came from. The victim's token
        // refreshes at night are MFA successes too, and must not count.
        if (!SignIns.IsSuccess(evt) || !SignIns.IsMultiFactor(evt) || !SignIns.IsInteractive(evt) || state.Denials.Count < _o.MinDenials) return;
        if (!AnyFrom(state.Denials, evt.Network.Ip)) return;
        if (evt.Time - state.Denials[^1].Time > _o.ApprovalWindow) return;
        alerts.Raise(BuiltinAlert.Create(Name + ".approved", "MFA prompt approved after repeated denials", Severity.High, ApprovalTechniques, evt,
            state.Denials.Concat(state.Prompts),
            $"{evt.Actor.Upn ?? key} approved an MFA prompt from {evt.Network.Ip} {(evt.Time - state.Denials[^1].Time).TotalMinutes:0} minutes after denying {state.Denials.Count}."));
        _followUp.Mark(evt, evt.Auth.SessionId);
        state.Denials.Clear();
        state.Prompts.Clear();
        state.Raised = false;
    }

    public void Flush(IAlertSink alerts)
    {
    }

    // Loops rather than lambdas: a lambda over Observe's event made a closure for every event observed.
    // (Compared as ages, not against now minus the window: an event time near DateTime.MinValue must not throw.)
    private static void DropOlder(List<AuditEvent> events, DateTime now, TimeSpan window)
    {
        var kept = 0;
        for (var i = 0; i < events.Count; i++)
        {
            if (now - events[i].Time <= window) events[kept++] = events[i];
        }
        events.RemoveRange(kept, events.Count - kept);
    }

    private static bool AnyFrom(List<AuditEvent> events, string? ip)
    {
        foreach (var e in events)
        {
            if (e.Network.Ip == ip) return true;
        }
        return false;
    }
}
