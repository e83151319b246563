using Daybreak.Events;

namespace Daybreak.Detection.Builtin;

/// <summary>
/// A password or certificate added to an application or service principal ("Update application – Certificates and
/// secrets management", "Add service principal credentials"), raised when it is the object's first credential, when
/// it follows an admin consent to the same app, when an application (not a person) added it, or when the person who
/// added it had just signed in for the first time in weeks. Routine rotations of existing secrets by active admins
/// stay silent. The first service-principal sign-in with a credential so raised is raised too (<c>.used</c>, T1550.001):
/// it names the app and service principal that now act with the key, which the audit event in another tenant may not,
/// so the person who added the key and what the app does with it join as one chain.
/// </summary>
public sealed class AppCredentialAddedDetection : IDetection
{
    private static readonly string[] Techniques = ["T1098.001"];
    private static readonly string[] UseTechniques = ["T1550.001"];

    private readonly AppCredentialAddedDetectionOptions _o;
    private readonly AppIdentities _apps;
    private readonly EntityTable<AuditEvent> _consents;
    private readonly EntityTable<UserState> _users;
    private readonly EntityTable<RaisedKey> _raisedKeys;
    private DateTime? _firstEvent;

    public AppCredentialAddedDetection(AppCredentialAddedDetectionOptions? options = null)
    {
        _o = options ?? new AppCredentialAddedDetectionOptions();
        _o.Validate();
        _apps = new AppIdentities(_o.HistoryRetention);
        _consents = EntityTable.SetOnly<AuditEvent>(_o.AfterConsentWindow);
        _users = new EntityTable<UserState>(_o.HistoryRetention, () => new UserState());
        _raisedKeys = EntityTable.SetOnly<RaisedKey>(_o.HistoryRetention);
    }

    public string Name => "app-credential-added";

    /// <summary>A key whose addition was raised; <see cref="Used"/> once its first sign-in was raised.</summary>
    private sealed class RaisedKey(AuditEvent added)
    {
        public AuditEvent Added { get; } = added;

        public bool Used { get; set; }
    }

    private sealed class UserState
    {
        public DateTime FirstSuccess;
        public DateTime LastSuccess;
        public DateTime? GapBefore; // the sign-in that ended the latest long silence
    }

    public static bool IsCredentialChange(string operation) =>
        operation.StartsWith("Add service principal credentials", StringComparison.OrdinalIgnoreCase)
        || (operation.StartsWith("Update application", StringComparison.OrdinalIgnoreCase) && operation.Contains("Certificates and secrets", StringComparison.OrdinalIgnoreCase));

    public void Observe(AuditEvent evt, IAlertSink alerts)
    {
        _firstEvent ??= evt.Time;
        if (evt.Source == SourceKind.SignIn)
        {
            CheckKeyUse(evt, alerts);
            TrackSignIn(evt);
            return;
        }
        if (evt.Source != SourceKind.Audit || evt.Outcome.Status == OutcomeStatus.Failure) return;
        _apps.Learn(evt);
        if (evt.Operation.StartsWith("Consent to application", StringComparison.OrdinalIgnoreCase) && IsAdminConsent(evt))
        {
            foreach (var t in evt.Targets)
                foreach (var appKey in _apps.KeysOf(t)) _consents.Set(appKey, evt.WithoutRaw(), evt.Time);
            return;
        }
        if (!IsCredentialChange(evt.Operation)) return;

        var cues = new List<string>();
        var evidence = new List<AuditEvent>();
        var severity = Severity.Medium;
        var keyProps = evt.Targets.SelectMany(t => t.ModifiedProperties).Where(p => p.Name.Equals("KeyDescription", StringComparison.OrdinalIgnoreCase)).ToList();
        if (keyProps.Count > 0 && keyProps.All(p => Json.IsEmpty(p.OldValue)) && keyProps.Any(p => !Json.IsEmpty(p.NewValue)))
            cues.Add("it is the object's first credential");
        var byApp = evt.Actor.Kind is ActorKind.ServicePrincipal or ActorKind.App;
        if (byApp && _o.AlertOnAppInitiator)
        {
            cues.Add($"added by an application ({evt.Actor.DisplayName ?? evt.Actor.AppId}), not a person");
            severity = Severity.High;
        }
        var consent = ConsentBefore(evt);
        if (consent is not null)
        {
            cues.Add($"{(evt.Time - consent.Time).TotalHours:0.#} hours after an admin consent to the same app");
            evidence.Add(consent);
            severity = Severity.High;
        }
        if (!byApp && SignIns.UserKey(evt) is { } user && _users.Peek(user) is { } u && u.GapBefore is { } back && evt.Time - back <= _o.FirstSeenRecently)
        {
            cues.Add($"by {evt.Actor.Upn ?? user}, who had just signed in for the first time {(u.FirstSuccess == back ? "in the data seen" : "in weeks")}");
            severity = Severity.High;
        }
        if (cues.Count == 0) return;
        if (evt.Auth.CredentialKeyId is { } added) _raisedKeys.Set(added.ToLowerInvariant(), new RaisedKey(evt.WithoutRaw()), evt.Time);
        var target = evt.Targets.FirstOrDefault(t => t.Kind is "Application" or "ServicePrincipal");
        alerts.Raise(BuiltinAlert.Create(Name, "Credential added to an application or service principal", severity, Techniques, evt, evidence,
            $"A credential{(evt.Auth.CredentialKeyId is { } k ? $" (key {k})" : "")} was added to {target?.Kind ?? "an app"} {target?.Name ?? target?.Id}: {string.Join("; ", cues)}."));
    }

    public void Flush(IAlertSink alerts)
    {
    }

    /// <summary>The first successful service-principal sign-in with a key this detection raised when it was added.</summary>
    private void CheckKeyUse(AuditEvent evt, IAlertSink alerts)
    {
        if (evt.Auth.CredentialKeyId is not { } k || evt.Actor.Kind is not (ActorKind.ServicePrincipal or ActorKind.App) || !SignIns.IsSuccess(evt)) return;
        var key = k.ToLowerInvariant();
        if (_raisedKeys.Peek(key) is not { } raised || evt.Time < raised.Added.Time || raised.Used) return;
        raised.Used = true;
        var added = raised.Added;
        alerts.Raise(BuiltinAlert.Create(Name + ".used", "Service principal signed in with a newly added credential", Severity.High, UseTechniques, evt, [added],
            $"{evt.Actor.DisplayName ?? evt.Actor.AppId ?? "A service principal"} signed in{(evt.Network.Ip is { } ip ? $" from {ip}" : "")} with key {key}, " +
            $"{(evt.Time - added.Time).TotalHours:0.#} hours after that key was added by {added.Actor.Upn ?? added.Actor.DisplayName ?? added.Actor.AppId ?? "an unknown actor"} under suspicious circumstances."));
    }

    /// <summary>An admin consent to one of the changed objects' apps within the window before the change. (A method of
    /// its own: a lambda over Observe's event made a closure for every event observed.)</summary>
    private AuditEvent? ConsentBefore(AuditEvent evt) =>
        evt.Targets.SelectMany(_apps.KeysOf).Select(_consents.Peek).FirstOrDefault(c => c is not null && evt.Time - c.Time <= _o.AfterConsentWindow);

    private static bool IsAdminConsent(AuditEvent evt) => evt.Targets.SelectMany(t => t.ModifiedProperties)
        .Any(p => p.Name.Equals("ConsentContext.IsAdminConsent", StringComparison.OrdinalIgnoreCase) && string.Equals(Json.Unquote(p.NewValue), "true", StringComparison.OrdinalIgnoreCase));

    private void TrackSignIn(AuditEvent evt)
    {
        if (!SignIns.IsUserSignIn(evt) || !SignIns.IsSuccess(evt)) return;
        var key = SignIns.UserKey(evt)!;
        var known = _users.Peek(key);
        var u = _users.Touch(key, evt.Time);
        if (known is null)
        {
            u.FirstSuccess = u.LastSuccess = evt.Time;
            // First sign-in in the data after a day or more of data without this user: as good as back from dormancy.
            if (evt.Time - _firstEvent >= _o.FirstSeenRecently) u.GapBefore = evt.Time;
            return;
        }
        if (evt.Time - u.LastSuccess >= _o.DormantAfter) u.GapBefore = evt.Time;
        u.LastSuccess = evt.Time;
    }
}
