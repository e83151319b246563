using Daybreak.Correlation;
using Daybreak.Detection;
using Daybreak.Scoping;
using Daybreak.Storage;

namespace Daybreak.Tests;

public sealed class FindingsStoreTests
{
    [Fact]
    public void Alerts_and_incidents_round_trip_and_a_new_hunt_replaces_them()
    {
        using var dir = new TempDir();
        using var store = CaseStore.Open(dir.File("case.duckdb"));
        var t0 = new DateTime(2023, 11, 29, 3, 14, 7, DateTimeKind.Utc);
        var alert = new Alert
        {
            Rule = "builtin.password-spray", Title = "Password spray", Severity = Severity.High, Time = t0, FirstSeen = t0.AddDays(-5),
            Techniques = ["T1110.003"], Evidence = ["signin:a", "signin:b"], Description = "<script>x</script>",
        };
        alert.Entities.Users.Add("svc-legacytest@contosotest.onmicrosoft.com");
        alert.Entities.Ips.Add("73.162.14.201");
        var incident = new Incident { Id = "inc-1234", Title = "App takeover", Severity = Severity.Critical, FirstSeen = t0.AddDays(-5), LastSeen = t0.AddDays(9), DetectedAt = t0.AddDays(2) };
        incident.Techniques.Add("T1110.003");
        incident.Steps.Add(new IncidentStep("T1110.003", t0, alert.Id, alert.Title));
        incident.Alerts.Add(alert);
        incident.Entities.UnionWith(alert.Entities);
        var mailbox = new MailboxExposure { Owner = "ceo@contoso.com", FirstAccess = t0.AddDays(2), LastAccess = t0.AddDays(9), Bytes = 1234, Operations = 7 };
        mailbox.MessageIds.Add("<m1@x>");
        mailbox.FoldersSynced.Add("\\Inbox");
        mailbox.UnknownWindows.Add(new TimeWindow(t0.AddDays(3), t0.AddDays(4)));
        mailbox.Via.Add("e8f1b2c3-4d5a-4e6f-8a7b-9c0d1e2f3a4b");
        incident.BlastRadius.Mailboxes.Add(mailbox);

        FindingsStore.Save(store, "run-1", [alert], [incident]);
        var back = Assert.Single(FindingsStore.Incidents(store));
        Assert.Equal((incident.Id, incident.Title, incident.Severity, incident.DetectedAt, incident.Dwell), (back.Id, back.Title, back.Severity, back.DetectedAt, back.Dwell));
        Assert.Equal(alert.Id, Assert.Single(back.Alerts).Id);
        Assert.Equal("<script>x</script>", back.Alerts[0].Description);
        Assert.Equal(["signin:a", "signin:b"], back.Alerts[0].Evidence);
        var m = Assert.Single(back.BlastRadius.Mailboxes);
        Assert.Equal(("ceo@contoso.com", 1234L, 7L), (m.Owner, m.Bytes, m.Operations));
        Assert.Equal(["<m1@x>"], m.MessageIds);
        Assert.Equal(new TimeWindow(t0.AddDays(3), t0.AddDays(4)), Assert.Single(m.UnknownWindows));
        Assert.Equal("inc-1234", FindingsStore.Find(store, "inc-12")!.Id);
        Assert.Null(FindingsStore.Find(store, "nope"));

        FindingsStore.Save(store, "run-2", [], []);
        Assert.Empty(FindingsStore.Incidents(store));
    }
}
