using Daybreak.Events;

namespace Daybreak.Detection.Builtin;

/// <summary>
/// A successful single-factor sign-in to an account that should not be signing in that way: a legacy, test or
/// service account (by naming hints), a dormant account, an account created moments ago, or an account never seen with
/// MFA signing in from an IP the tenant has never seen. One cue alone is Medium; two or more are High.
/// </summary>
public sealed class RiskyAccountSignInDetection : IDetection
{
    private static readonly string[] Techniques = ["T1078.004"];

    private readonly RiskyAccountSignInDetectionOptions _o;
    private readonly EntityTable<AccountState> _accounts;
    private readonly SeenTexts _knownIps;
    private readonly EntityTable<AuditEvent> _created;
    private DateTime? _firstEvent;

    public RiskyAccountSignInDetection(RiskyAccountSignInDetectionOptions? options = null)
    {
        _o = options ?? new RiskyAccountSignInDetectionOptions();
        _o.Validate();
        _accounts = new EntityTable<AccountState>(_o.HistoryRetention, () => new AccountState());
        _knownIps = new SeenTexts(_o.HistoryRetention);
        _created = EntityTable.SetOnly<AuditEvent>(_o.NewAccountWindow);
    }

    public string Name => "risky-account-signin";

    private sealed class AccountState
    {
        public DateTime? LastSuccess;
        public bool MfaSeen;
        public DateTime AlertedUntil = DateTime.MinValue;
    }

    public void Observe(AuditEvent evt, IAlertSink alerts)
    {
        _firstEvent ??= evt.Time;
        if (evt.Source == SourceKind.Audit && evt.Operation == "Add user" && evt.Outcome.Status != OutcomeStatus.Failure)
        {
            foreach (var t in evt.Targets.Where(t => string.Equals(t.Kind, "User", StringComparison.OrdinalIgnoreCase)))
            {
                if (t.Id is { } id) Remember(id, evt);
                if (t.Name is { } name) Remember(name, evt);
            }
            return;
        }
        if (!SignIns.IsUserSignIn(evt) || !SignIns.IsSuccess(evt)) return;
        var key = SignIns.UserKey(evt)!;
        var ip = evt.Network.Ip;
        var state = _accounts.Touch(key, evt.Time);
        var previous = state.LastSuccess;
        var ipKnown = ip is null || _knownIps.TouchWasLive(ip, evt.Time);
        var mfaSeen = state.MfaSeen;
        state.LastSuccess = evt.Time;
        if (SignIns.IsMultiFactor(evt)) state.MfaSeen = true;
        if (!SignIns.IsSingleFactor(evt) || (_o.InteractiveOnly && !SignIns.IsInteractive(evt))) return;

        List<string>? cues = null; // most single-factor sign-ins have no cue: no list until the first
        var upn = evt.Actor.Upn?.ToLowerInvariant();
        var hint = NameHint(upn);
        if (hint is not null) (cues ??= []).Add($"its name marks a legacy/test/service account ('{hint}')");
        if (previous is { } p && evt.Time - p >= _o.DormantAfter) (cues ??= []).Add($"dormant: no sign-in for {(evt.Time - p).TotalDays:0} days");
        else if (previous is null && evt.Time - _firstEvent >= _o.DormantAfter) (cues ??= []).Add($"dormant: no sign-in in the {(evt.Time - _firstEvent.Value).TotalDays:0} days of data before it");
        AuditEvent? creation = null;
        if (_created.Count > 0)
        {
            // By object id, then UPN (the later found wins, as before); without accounts created lately, nothing to look up.
            if (CreatedLately(evt.Actor.ObjectId, evt.Time) is { } byId) creation = byId;
            if (CreatedLately(upn, evt.Time) is { } byName) creation = byName;
        }
        if (creation is not null && previous is null)
            (cues ??= []).Add($"account created {(evt.Time - creation.Time).TotalMinutes:0} minutes earlier by {creation.Actor.DisplayName ?? creation.Actor.Upn ?? creation.Actor.AppId}");
        if (!mfaSeen && !ipKnown && evt.Time - _firstEvent >= _o.LearningPeriod) (cues ??= []).Add($"never seen with MFA, from an IP ({ip}) no account of the tenant signed in from before");
        if (cues is null || evt.Time < state.AlertedUntil) return;
        state.AlertedUntil = EventTimes.Plus(evt.Time, _o.RealertAfter);
        var severity = cues.Count >= 2 ? Severity.High : Severity.Medium;
        alerts.Raise(BuiltinAlert.Create(Name, "Single-factor sign-in to a legacy, test, dormant or new account", severity, Techniques, evt,
            creation is null ? [] : [creation],
            $"{evt.Actor.Upn ?? key} signed in with a password only from {ip}: {string.Join("; ", cues)}."));
    }

    public void Flush(IAlertSink alerts)
    {
    }

    private AuditEvent? CreatedLately(string? key, DateTime now) =>
        key is not null && _created.Peek(key.ToLowerInvariant()) is { } c && now - c.Time <= _o.NewAccountWindow ? c : null;

    private void Remember(string key, AuditEvent creation) => _created.Set(key.ToLowerInvariant(), creation.WithoutRaw(), creation.Time);

    /// <summary>The first name hint found in the UPN's local part (before any '@'); read as a span on every single-factor
    /// sign-in, without splitting the UPN.</summary>
    private string? NameHint(string? upn)
    {
        var local = upn is null ? default : upn.AsSpan(0, upn.IndexOf('@') is >= 0 and var at ? at : upn.Length);
        var hints = _o.AccountNameHints;
        for (var i = 0; i < hints.Count; i++)
        {
            if (local.Contains(hints[i], StringComparison.OrdinalIgnoreCase)) return hints[i];
        }
        return null;
    }
}
