using Daybreak.Detection;
using Daybreak.Events;

namespace Daybreak.Tests.Detection.Builtin;

/// <summary>Inline events for detection tests (Serilog's Some.LogEvent style): only what a test sets is set.</summary>
internal static class Some
{
    public static readonly DateTime T0 = new(2024, 1, 8, 9, 0, 0, DateTimeKind.Utc);
    private static int _next;

    private static AuditEvent New(SourceKind source, DateTime time, string operation) =>
        new() { RecordId = $"{source.Name()}:t{Interlocked.Increment(ref _next)}", Raw = "{}", Format = "test", Source = source, Time = time, Operation = operation };

    public static AuditEvent SignIn(DateTime time, string upn, string ip, string code = "0", bool mfa = false, bool interactive = true,
        long asn = 7922, string? session = null, string country = "US")
    {
        var e = New(SourceKind.SignIn, time, "Sign-in activity");
        e.Actor.Kind = ActorKind.User;
        e.Actor.Upn = upn;
        e.Actor.ObjectId = "oid-" + upn;
        e.Network.Ip = ip;
        e.Network.Asn = asn;
        e.Network.Country = country;
        e.Outcome.Code = code;
        e.Outcome.Status = code == "0" ? OutcomeStatus.Success : OutcomeStatus.Failure;
        e.Auth.Requirement = mfa ? "multiFactorAuthentication" : "singleFactorAuthentication";
        e.Auth.IsInteractive = interactive;
        e.Auth.SignInType = interactive ? "interactiveUser" : "nonInteractiveUser";
        e.Auth.SessionId = session;
        return e;
    }

    public static AuditEvent Audit(DateTime time, string operation, string? byUpn = null, string? byApp = null, params Target[] targets)
    {
        var e = New(SourceKind.Audit, time, operation);
        e.Outcome.Status = OutcomeStatus.Success;
        if (byApp is not null)
        {
            e.Actor.Kind = ActorKind.ServicePrincipal;
            e.Actor.AppId = byApp;
            e.Actor.ObjectId = "sp-" + byApp;
            e.Actor.DisplayName = "App " + byApp;
        }
        else
        {
            e.Actor.Kind = ActorKind.User;
            e.Actor.Upn = byUpn;
            e.Actor.ObjectId = byUpn is null ? null : "oid-" + byUpn;
        }
        e.Targets.AddRange(targets);
        return e;
    }

    public static Target Target(string kind, string id, string? name = null, params (string Name, string? Old, string? New)[] modified)
    {
        var t = new Target { Kind = kind, Id = id, Name = name };
        t.ModifiedProperties.AddRange(modified.Select(m => new ModifiedProperty(m.Name, m.Old, m.New)));
        return t;
    }

    public static AuditEvent Cmdlet(DateTime time, string operation, string upn, string ip, params (string Name, string Value)[] parameters)
    {
        var e = New(SourceKind.Ual, time, operation);
        e.Outcome.Status = OutcomeStatus.Success;
        e.Actor.Kind = ActorKind.User;
        e.Actor.Upn = upn;
        e.Network.Ip = ip;
        e.Targets.Add(Target("Other", upn, upn, parameters.Select(p => (p.Name, (string?)null, (string?)p.Value)).ToArray()));
        return e;
    }

    public static AuditEvent MailAccess(DateTime time, string owner, string? appId = null, string? clientAppId = null, string? byUpn = null,
        string ip = "203.0.113.5", string access = "Bind", bool throttled = false, string client = "Client=WebServices;ExchangeWebServices", string? session = null)
    {
        var e = New(SourceKind.Ual, time, "MailItemsAccessed");
        e.Outcome.Status = OutcomeStatus.Success;
        e.Actor.Kind = byUpn is null ? ActorKind.ServicePrincipal : ActorKind.User;
        e.Actor.Upn = byUpn;
        e.Actor.AppId = appId;
        e.Network.Ip = ip;
        e.Auth.SessionId = session;
        e.Mail = new MailAccess { MailboxOwnerUpn = owner, AccessType = access, IsThrottled = throttled, AppId = appId, ClientAppId = clientAppId, ClientInfoString = client };
        return e;
    }
}

/// <summary>Collects alerts (Serilog's CollectingSink).</summary>
internal sealed class CollectingSink : IAlertSink
{
    public List<Alert> Alerts { get; } = [];

    public void Raise(Alert alert) => Alerts.Add(alert);

    public static List<Alert> Run(IDetection detection, IEnumerable<AuditEvent> events)
    {
        var sink = new CollectingSink();
        foreach (var e in events.OrderBy(e => e.Time)) detection.Observe(e, sink);
        detection.Flush(sink);
        return sink.Alerts;
    }
}
