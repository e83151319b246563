using Daybreak.Events;

namespace Daybreak.Detection.Builtin;

/// <summary>
/// A user account created by an application rather than a person ("Add user" with <c>initiatedBy.app</c>): in the
/// Midnight Blizzard chain the compromised OAuth app created the user that then granted consent. Inbound provisioning
/// apps do this all day, so an app is raised the first time it creates a user (and never when it is a configured
/// provisioning app); its later creations are its routine.
/// </summary>
public sealed class UserCreatedByAppDetection : IDetection
{
    private static readonly string[] Techniques = ["T1136.003"];

    private readonly UserCreatedByAppDetectionOptions _o;
    private readonly HashSet<string> _provisioners;
    private readonly SeenTexts _creators;

    public UserCreatedByAppDetection(UserCreatedByAppDetectionOptions? options = null)
    {
        _o = options ?? new UserCreatedByAppDetectionOptions();
        _o.Validate();
        _provisioners = new HashSet<string>(_o.ProvisioningAppIds.Select(a => a.ToLowerInvariant()), StringComparer.Ordinal);
        _creators = new SeenTexts(_o.RememberCreatorFor);
    }

    public string Name => "user-created-by-app";

    public void Observe(AuditEvent evt, IAlertSink alerts)
    {
        if (evt.Source != SourceKind.Audit || evt.Outcome.Status == OutcomeStatus.Failure) return;
        if (!evt.Operation.Equals("Add user", StringComparison.OrdinalIgnoreCase)) return;
        if (evt.Actor.Kind is not (ActorKind.ServicePrincipal or ActorKind.App)) return;
        var app = (evt.Actor.AppId ?? evt.Actor.ObjectId)?.ToLowerInvariant();
        if (app is null || _provisioners.Contains(app)) return;
        var known = _creators.IsLive(app, evt.Time);
        _creators.Touch(app, evt.Time);
        if (known) return;
        var user = evt.Targets.FirstOrDefault(t => string.Equals(t.Kind, "User", StringComparison.OrdinalIgnoreCase));
        alerts.Raise(BuiltinAlert.Create(Name, "User created by an application", Severity.Medium, Techniques, evt, [],
            $"Application {evt.Actor.DisplayName ?? app} ({app}) created user {user?.Name ?? user?.Id}; it had not created users before in the data seen."));
    }

    public void Flush(IAlertSink alerts)
    {
    }
}
