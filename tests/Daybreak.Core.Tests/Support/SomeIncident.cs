using Daybreak.Correlation;
using Daybreak.Detection;
using Daybreak.Scoping;

namespace Daybreak.Tests.Support;

/// <summary>A Midnight Blizzard-shaped incident built in memory: spray, app credential, mail read; hostile names in log fields.</summary>
internal static class SomeIncident
{
    public const string Hostile = "<script>alert(1)</script>";
    public const string AttackerApp = "e8f1b2c3-4d5a-4e6f-8a7b-9c0d1e2f3a4b";
    public const string Exchange = "00000002-0000-0ff1-ce00-000000000000";
    public const string SprayIp = "203.0.113.7";
    public const string AppIp = "2001:db8::beef";

    public static readonly DateTime T0 = new(2023, 11, 29, 3, 14, 7, DateTimeKind.Utc);

    public static Incident Create(string? name = null)
    {
        name ??= Hostile;
        var spray = new Alert
        {
            Rule = "builtin.password-spray", Title = "Password spray " + name, Severity = Severity.High, Time = T0.AddHours(5), FirstSeen = T0,
            Techniques = ["T1110.003", "T1078.004"], Evidence = ["signin:1", "signin:2"],
        };
        spray.Entities.Users.Add("svc-legacytest@contoso.com");
        spray.Entities.Ips.Add(SprayIp);
        spray.Entities.Tenants.Add("72f988bf-86f1-41af-91ab-2d7cd011db47");
        var credential = new Alert
        {
            Rule = "builtin.app-credential-added", Title = "Credential added to app " + name, Severity = Severity.High, Time = T0.AddDays(1),
            Techniques = ["T1098.001"], Evidence = ["audit:1"], Description = name,
        };
        credential.Entities.Apps.Add(AttackerApp);
        credential.Entities.Ips.Add(AppIp);
        var mail = new Alert
        {
            Rule = "builtin.app-mail-read", Title = "Mail read by app", Severity = Severity.Critical, Time = T0.AddDays(3),
            Techniques = ["T1114.002"], Evidence = ["ual:1"],
        };
        mail.Entities.Apps.Add(AttackerApp);
        mail.Entities.Apps.Add(Exchange);
        mail.Entities.Mailboxes.Add("ceo@contoso.com");

        var incident = new Incident
        {
            Id = "inc-7f3a9c", Title = "App takeover and mail read " + name, Severity = Severity.Critical,
            FirstSeen = T0, LastSeen = T0.AddDays(10), DetectedAt = T0.AddDays(12),
        };
        foreach (var a in new[] { spray, credential, mail })
        {
            incident.Alerts.Add(a);
            incident.Steps.Add(new IncidentStep(a.Techniques[0], a.Time, a.Id, a.Title));
            incident.Entities.UnionWith(a.Entities);
            foreach (var t in a.Techniques) if (!incident.Techniques.Contains(t)) incident.Techniques.Add(t);
        }
        var ceo = new MailboxExposure { Owner = "ceo@contoso.com", FirstAccess = T0.AddDays(3), LastAccess = T0.AddDays(10), Bytes = 3000, Operations = 2 };
        ceo.MessageIds.UnionWith(["<m1@contoso.com>", "<m2@contoso.com>"]);
        ceo.Via.Add(AttackerApp);
        incident.BlastRadius.Mailboxes.Add(ceo);
        var cfo = new MailboxExposure { Owner = "cfo@contoso.com", FirstAccess = T0.AddDays(4), LastAccess = T0.AddDays(5) };
        cfo.FoldersSynced.Add("\\Inbox\\" + name);
        cfo.UnknownWindows.Add(new TimeWindow(T0.AddDays(4), T0.AddDays(5)));
        cfo.Via.Add(AttackerApp);
        incident.BlastRadius.Mailboxes.Add(cfo);
        return incident;
    }
}
