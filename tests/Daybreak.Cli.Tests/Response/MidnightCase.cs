using Daybreak.Correlation;
using Daybreak.Detection;
using Daybreak.Events;
using Daybreak.Scoping;
using Daybreak.Storage;

namespace Daybreak.Tests.Response;

/// <summary>
/// A case file holding one Midnight-Blizzard-shaped incident and the evidence records behind it: a sprayed legacy
/// account that signed in, the legacy OAuth app it added a secret to, a new app created by that app with a
/// certificate on its service principal, Exchange full_access_as_app granted to the new app, and mail read through it.
/// </summary>
internal static class MidnightCase
{
    public const string IncidentId = "inc-7f3a9c";
    public const string LegacyUser = "3b1e6f0a-1111-4c1d-9a6b-000000000001";
    public const string LegacyUpn = "svc-legacytest@contoso.com";
    public const string SprayedUpn = "alice@contoso.com";
    public const string LegacyApp = "a1a1a1a1-2222-4c1d-9a6b-000000000002";
    public const string LegacyAppObject = "0a0a0a0a-3333-4c1d-9a6b-000000000003";
    public const string LegacySp = "5a5a5a5a-4444-4c1d-9a6b-000000000004";
    public const string NewApp = "a2a2a2a2-5555-4c1d-9a6b-000000000005";
    public const string NewAppObject = "0b0b0b0b-6666-4c1d-9a6b-000000000006";
    public const string NewSp = "5b5b5b5b-7777-4c1d-9a6b-000000000007";
    public const string ExchangeSp = "e0e0e0e0-8888-4c1d-9a6b-000000000008";
    public const string ExchangeApp = "00000002-0000-0ff1-ce00-000000000000";
    public const string FullAccessAsApp = "dc890d15-9560-4a4c-9b7f-a736ec74ec40";
    public const string LegacySecret = "c1c1c1c1-9999-4c1d-9a6b-000000000009";
    public const string NewCert = "c2c2c2c2-aaaa-4c1d-9a6b-00000000000a";
    public const string NewAppName = "<script>alert('x')</script> Mail Archiver";
    public static readonly DateTime T0 = new(2023, 11, 30, 2, 0, 0, DateTimeKind.Utc);

    public static string Create(TempDir dir)
    {
        var path = dir.File("case.duckdb");
        using var store = CaseStore.Open(path);
        var events = Events();
        using (var writer = new EventWriter(store))
        {
            foreach (var e in events) writer.Write(e);
            writer.Flush();
        }
        var alert = new Alert
        {
            Rule = "builtin.app-takeover-chain", Title = "OAuth app takeover chain", Severity = Severity.Critical, Time = T0.AddDays(3),
            Techniques = ["T1098.001", "T1098.003"], Evidence = events.Select(e => e.RecordId).ToList(),
        };
        foreach (var e in events) alert.Entities.UnionWith(EntityExtractor.From(e));
        var incident = new Incident
        {
            Id = IncidentId, Title = "Legacy OAuth app takeover and mailbox access", Severity = Severity.Critical,
            FirstSeen = T0, LastSeen = T0.AddDays(40), DetectedAt = T0.AddDays(50),
        };
        incident.Alerts.Add(alert);
        incident.Entities.UnionWith(alert.Entities);
        incident.Entities.Users.Add(SprayedUpn);
        incident.Entities.Apps.Add(ExchangeApp); // the resource it read through: Microsoft's, never to be disabled
        incident.Steps.Add(new IncidentStep("T1098.001", alert.Time, alert.Id, alert.Title));

        var ceo = new MailboxExposure { Owner = "ceo@contoso.com", FirstAccess = T0.AddDays(5), LastAccess = T0.AddDays(40), Bytes = 3 * 1024 * 1024, Operations = 42 };
        ceo.MessageIds.UnionWith(["<m1@contoso.com>", "<m2@contoso.com>", "<m3@partner.example>"]);
        ceo.FoldersSynced.Add("\\Inbox\\Board");
        ceo.UnknownWindows.Add(new TimeWindow(T0.AddDays(20), T0.AddDays(21)));
        ceo.Via.Add(NewApp);
        var legal = new MailboxExposure { Owner = "gc@contoso.com", FirstAccess = T0.AddDays(6), LastAccess = T0.AddDays(39), Operations = 3 };
        legal.MessageIds.Add("<x\"><img src=x onerror=alert(1)>@evil>");
        legal.Via.Add(NewApp);
        var security = new MailboxExposure { Owner = "ciso@contoso.com", FirstAccess = T0.AddDays(7), LastAccess = T0.AddDays(8), Operations = 1 };
        security.FoldersSynced.Add("\\Inbox");
        security.Via.Add(NewApp);
        incident.BlastRadius.Mailboxes.AddRange([ceo, legal, security]);
        FindingsStore.Save(store, "run-1", [alert], [incident]);
        return path;
    }

    private static List<AuditEvent> Events()
    {
        var list = new List<AuditEvent>();
        AuditEvent E(string id, SourceKind source, string op, DateTime t, OutcomeStatus status = OutcomeStatus.Success)
        {
            var e = new AuditEvent { RecordId = id, Time = t, Source = source, Format = "test", Operation = op, Raw = "{}", TenantId = "11111111-0000-0000-0000-000000000000" };
            e.Outcome.Status = status;
            list.Add(e);
            return e;
        }
        // The spray: one failure on alice, then the legacy account signs in single-factor.
        var fail = E("signin:f1", SourceKind.SignIn, "Sign-in activity", T0, OutcomeStatus.Failure);
        (fail.Actor.Kind, fail.Actor.Upn, fail.Actor.ObjectId) = (ActorKind.User, SprayedUpn, "3b1e6f0a-1111-4c1d-9a6b-0000000000ff");
        fail.Outcome.Code = "50126";
        var ok = E("signin:s1", SourceKind.SignIn, "Sign-in activity", T0.AddHours(1));
        (ok.Actor.Kind, ok.Actor.Upn, ok.Actor.ObjectId) = (ActorKind.User, LegacyUpn, LegacyUser);

        // The legacy account adds a secret to the legacy app.
        var secret = E("audit:cred1", SourceKind.Audit, "Update application – Certificates and secrets management ", T0.AddHours(2));
        (secret.Actor.Kind, secret.Actor.Upn, secret.Actor.ObjectId) = (ActorKind.User, LegacyUpn, LegacyUser);
        var appTarget = new Target { Kind = "Application", Id = LegacyAppObject, Name = "Legacy Test App" };
        appTarget.ModifiedProperties.Add(new ModifiedProperty("KeyDescription", "[]",
            $"[\"[KeyIdentifier={LegacySecret},KeyType=Password,KeyUsage=Verify,DisplayName=x]\"]"));
        secret.Targets.Add(appTarget);
        secret.Auth.CredentialKeyId = LegacySecret;

        // The legacy app signs in with it and creates a new app and its service principal.
        var spSignIn = E("signin:sp1", SourceKind.SignIn, "Sign-in activity", T0.AddHours(3));
        (spSignIn.Actor.Kind, spSignIn.Actor.ObjectId, spSignIn.Actor.AppId, spSignIn.Actor.DisplayName) = (ActorKind.ServicePrincipal, LegacySp, LegacyApp, "Legacy Test App");
        spSignIn.Auth.CredentialKeyId = LegacySecret;
        var addApp = E("audit:app2", SourceKind.Audit, "Add application", T0.AddHours(4));
        (addApp.Actor.Kind, addApp.Actor.ObjectId, addApp.Actor.AppId) = (ActorKind.ServicePrincipal, LegacySp, LegacyApp);
        var newApp = new Target { Kind = "Application", Id = NewAppObject, Name = NewAppName };
        newApp.ModifiedProperties.Add(new ModifiedProperty("AppId", "[]", $"[\"{NewApp}\"]"));
        addApp.Targets.Add(newApp);
        var addSp = E("audit:sp2", SourceKind.Audit, "Add service principal", T0.AddHours(5));
        (addSp.Actor.Kind, addSp.Actor.ObjectId, addSp.Actor.AppId) = (ActorKind.ServicePrincipal, LegacySp, LegacyApp);
        var sp = new Target { Kind = "ServicePrincipal", Id = NewSp, Name = NewAppName };
        sp.ModifiedProperties.Add(new ModifiedProperty("AppPrincipalId", "[]", $"[\"{NewApp}\"]"));
        addSp.Targets.Add(sp);

        // A certificate on the new service principal.
        var cert = E("audit:cred2", SourceKind.Audit, "Add service principal credentials", T0.AddHours(6));
        (cert.Actor.Kind, cert.Actor.ObjectId, cert.Actor.AppId) = (ActorKind.ServicePrincipal, LegacySp, LegacyApp);
        var spTarget = new Target { Kind = "ServicePrincipal", Id = NewSp, Name = NewAppName };
        spTarget.ModifiedProperties.Add(new ModifiedProperty("KeyDescription", "[]",
            $"[\"[KeyIdentifier={NewCert},KeyType=AsymmetricX509Cert,KeyUsage=Verify,DisplayName=CN=archiver]\"]"));
        cert.Targets.Add(spTarget);

        // Exchange Online full_access_as_app granted to the new app.
        var grant = E("audit:role1", SourceKind.Audit, "Add app role assignment to service principal", T0.AddHours(7));
        (grant.Actor.Kind, grant.Actor.ObjectId, grant.Actor.AppId) = (ActorKind.ServicePrincipal, LegacySp, LegacyApp);
        var exo = new Target { Kind = "ServicePrincipal", Id = ExchangeSp, Name = "Office 365 Exchange Online" };
        exo.ModifiedProperties.Add(new ModifiedProperty("AppRole.Id", null, $"\"{FullAccessAsApp}\""));
        exo.ModifiedProperties.Add(new ModifiedProperty("AppRole.Value", null, "\"full_access_as_app\""));
        exo.ModifiedProperties.Add(new ModifiedProperty("ServicePrincipal.ObjectID", null, $"\"{NewSp}\""));
        exo.ModifiedProperties.Add(new ModifiedProperty("ServicePrincipal.AppId", null, $"\"{NewApp}\""));
        exo.ModifiedProperties.Add(new ModifiedProperty("TargetId.ServicePrincipalNames", null, $"\"{ExchangeApp};https://outlook.office365.com\""));
        grant.Targets.Add(exo);
        grant.Targets.Add(new Target { Kind = "ServicePrincipal", Id = NewSp, Name = NewAppName });

        // Mail read through the new app.
        var read = E("ual:mia1", SourceKind.Ual, "MailItemsAccessed", T0.AddDays(5));
        (read.Actor.Kind, read.Actor.AppId, read.Actor.ObjectId) = (ActorKind.App, NewApp, NewSp);
        read.Mail = new MailAccess { MailboxOwnerUpn = "ceo@contoso.com", AccessType = "Bind", AppId = ExchangeApp, ClientAppId = NewApp, OperationCount = 3 };
        return list;
    }
}
