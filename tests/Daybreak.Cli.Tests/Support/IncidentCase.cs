using System.Text.Json;
using Daybreak.Correlation;
using Daybreak.Detection;
using Daybreak.Events;
using Daybreak.Scoping;
using Daybreak.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Daybreak.Tests.Support;

/// <summary>
/// A small Midnight Blizzard-shaped case written straight into a case file: a spray, a credential added to an app,
/// mail read by that app; one incident over them. Log fields carry hostile text (script tags, formulas), as an
/// attacker who names his app can make them.
/// </summary>
internal sealed class IncidentCase
{
    public const string Hostile = "<script>alert(1)</script>";
    public const string Formula = "=HYPERLINK(\"http://evil.example/\",\"click\")";
    public const string AttackerApp = "e8f1b2c3-4d5a-4e6f-8a7b-9c0d1e2f3a4b";
    public const string SprayIp = "203.0.113.7";
    public const string AppIp = "2001:db8::beef";
    public const string Victim = "svc-legacytest@contoso.com";
    public const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    public static readonly DateTime T0 = new(2023, 11, 29, 3, 14, 7, DateTimeKind.Utc);

    public required string Db { get; init; }

    public required string SourceFile { get; init; }

    public required Incident Incident { get; init; }

    /// <summary>The SharePoint file the attacker's app downloaded; its name carries the hostile text.</summary>
    public static string FileUrl(string name) => "https://contoso.sharepoint.com/sites/legal/Shared Documents/" + name + ".docx";

    /// <summary>The Graph request path the attacker's app made; it carries the hostile text.</summary>
    public static string GraphPath(string name) => "/v1.0/users/" + name + "/messages";

    public static IncidentCase Create(TempDir dir, string? hostileName = null)
    {
        var name = hostileName ?? Hostile;
        var source = dir.Write("logs/signins.json", "{\"value\":[]}\n");
        var db = dir.File("case.duckdb");
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 1, 19, 9, 0, 0, TimeSpan.Zero));
        var events = new List<AuditEvent>
        {
            Event("signin:1", T0, SourceKind.SignIn, "Sign-in", source, 1, e => { e.Network.Ip = SprayIp; e.Actor.Upn = Victim; e.Actor.DisplayName = name; e.Outcome.Code = "50126"; }),
            Event("signin:2", T0.AddHours(5), SourceKind.SignIn, "Sign-in", source, 2, e => { e.Network.Ip = SprayIp; e.Actor.Upn = Victim; e.Actor.DisplayName = name; e.Outcome.Code = "0"; }),
            Event("audit:1", T0.AddDays(1), SourceKind.Audit, "Add service principal credentials", source, 3, e =>
            {
                e.Actor.Kind = ActorKind.ServicePrincipal; e.Actor.AppId = AttackerApp; e.Actor.DisplayName = name; e.Network.Ip = AppIp;
            }),
            Event("ual:1", T0.AddDays(3), SourceKind.Ual, "MailItemsAccessed", source, 4, e =>
            {
                e.Category = "Exchange"; e.Actor.Kind = ActorKind.App; e.Actor.AppId = AttackerApp; e.Actor.DisplayName = name;
                e.Mail = new MailAccess { MailboxOwnerUpn = "ceo@contoso.com", AccessType = "Bind", ClientAppId = AttackerApp, OperationCount = 2 };
                var folder = new MailFolder { Path = "\\Inbox" };
                folder.Items.Add(new MailItem("<m1@contoso.com>", 1000));
                folder.Items.Add(new MailItem("<m2@contoso.com>", 2000));
                e.Mail.Folders.Add(folder);
            }),
            Event("ual:file", T0.AddDays(2), SourceKind.Ual, "FileDownloaded", source, 7, e =>
            {
                e.Category = "SharePoint"; e.Actor.Kind = ActorKind.App; e.Actor.AppId = AttackerApp;
                e.Targets.Add(new Target { Kind = "File", Name = FileUrl(name) });
            }),
            Event("graph:1", T0.AddDays(2), SourceKind.GraphActivity, "GET " + GraphPath(name), source, 8, e =>
            {
                e.Category = "MicrosoftGraphActivityLogs"; e.Actor.Kind = ActorKind.App; e.Actor.AppId = AttackerApp;
            }),
            Event("signin:benign", T0.AddDays(-2), SourceKind.SignIn, "Sign-in", source, 5, e => { e.Network.Ip = "198.51.100.1"; e.Actor.Upn = "alice@contoso.com"; }),
            Event("signin:late", T0.AddDays(20), SourceKind.SignIn, "Sign-in", source, 6, e => { e.Network.Ip = "198.51.100.1"; e.Actor.Upn = "alice@contoso.com"; }),
        };

        var spray = new Alert
        {
            Rule = "builtin.password-spray", Title = "Password spray " + name, Severity = Severity.High, Time = T0.AddHours(5), FirstSeen = T0,
            Techniques = ["T1110.003", "T1078.004"], Evidence = ["signin:1", "signin:2"], Description = Formula,
        };
        spray.Entities.Users.Add(Victim);
        spray.Entities.Ips.Add(SprayIp);
        spray.Entities.Tenants.Add(Tenant);
        var credential = new Alert
        {
            Rule = "builtin.app-credential-added", Title = Formula, Severity = Severity.High, Time = T0.AddDays(1),
            Techniques = ["T1098.001"], Evidence = ["audit:1"], Description = name,
        };
        credential.Entities.Apps.Add(AttackerApp);
        credential.Entities.Ips.Add(AppIp);
        var mail = new Alert
        {
            Rule = "builtin.app-mail-read", Title = "Mail read by app", Severity = Severity.Critical, Time = T0.AddDays(3),
            Techniques = ["T1114.002"], Evidence = ["ual:1", "ual:gone"],
        };
        mail.Entities.Apps.Add(AttackerApp);
        mail.Entities.Mailboxes.Add("ceo@contoso.com");

        var incident = new Incident
        {
            Id = "inc-7f3a9c", Title = "App takeover and mail read " + name, Severity = Severity.Critical,
            FirstSeen = T0, LastSeen = T0.AddDays(3), DetectedAt = T0.AddDays(3),
        };
        foreach (var a in new[] { spray, credential, mail })
        {
            incident.Alerts.Add(a);
            incident.Steps.Add(new IncidentStep(a.Techniques[0], a.Time, a.Id, a.Title));
            incident.Entities.UnionWith(a.Entities);
            foreach (var t in a.Techniques) if (!incident.Techniques.Contains(t)) incident.Techniques.Add(t);
        }
        var exposure = new MailboxExposure { Owner = "ceo@contoso.com", FirstAccess = T0.AddDays(3), LastAccess = T0.AddDays(3), Bytes = 3000, Operations = 2 };
        exposure.MessageIds.UnionWith(["<m1@contoso.com>", "<m2@contoso.com>"]);
        exposure.Via.Add(AttackerApp);
        incident.BlastRadius.Mailboxes.Add(exposure);
        var cfo = new MailboxExposure { Owner = "cfo@contoso.com", FirstAccess = T0.AddDays(3), LastAccess = T0.AddDays(4) };
        cfo.FoldersSynced.Add("\\Inbox\\" + name);
        cfo.UnknownWindows.Add(new TimeWindow(T0.AddDays(3), T0.AddDays(4)));
        cfo.Via.Add(AttackerApp);
        incident.BlastRadius.Mailboxes.Add(cfo);
        incident.BlastRadius.Resources.Add(new ResourceAccess("file", FileUrl(name), AttackerApp, T0.AddDays(2), T0.AddDays(2), 1, "FileDownloaded"));
        incident.BlastRadius.Resources.Add(new ResourceAccess("graph", "GET " + GraphPath(name), AttackerApp, T0.AddDays(2), T0.AddDays(2).AddHours(1), 40, "GET " + GraphPath(name)));

        using (var store = CaseStore.Open(db, clock))
        {
            var log = new RunLog(store, clock);
            var run = log.Start("hunt logs/", "0.1.0");
            using (var writer = new EventWriter(store))
            {
                foreach (var e in events) writer.Write(e);
                writer.Flush();
            }
            log.Input(run, dir.File("logs"), null, events.Count, events.Count, 0);
            log.Finish(run);
            FindingsStore.Save(store, run, [spray, credential, mail], [incident]);
        }
        return new IncidentCase { Db = db, SourceFile = source, Incident = incident };
    }

    private static AuditEvent Event(string id, DateTime time, SourceKind source, string op, string file, long line, Action<AuditEvent> fill)
    {
        var e = new AuditEvent
        {
            RecordId = id, Time = time, Source = source, Format = source.Name() + ".test", Operation = op, TenantId = Tenant,
            Raw = "", Position = new SourcePosition(file, line),
        };
        fill(e);
        e.Raw = JsonSerializer.Serialize(new { id, op, name = e.Actor.DisplayName, ip = e.Network.Ip });
        return e;
    }
}
