using Daybreak.Correlation;
using Daybreak.Detection;
using Daybreak.Scoping;
using static Daybreak.Tests.Correlation.Support.Some;

namespace Daybreak.Tests.Scoping;

public sealed class MailAccessScoperTests
{
    private const string EvilApp = "11111111-2222-3333-4444-555555555555";
    private const string Ceo = "ceo@x.com";

    private static Incident IncidentOf(params Alert[] alerts) => Assert.Single(new EntityGraphCorrelator().Correlate(alerts).Incidents);

    private static Incident AppIncident(DateTime from, DateTime to) => IncidentOf(
        Alert("grant", from, "T1098.003", apps: [EvilApp]),
        Alert("read", to, "T1114.002", apps: [EvilApp], users: [Ceo], mailboxes: [Ceo]));

    [Fact]
    public void Bind_message_ids_are_deduplicated_with_bytes_operations_and_via()
    {
        var scoper = new MailAccessScoper();
        scoper.Observe(MailRead(T0.AddHours(1), Ceo, clientAppId: EvilApp, folders: [("\\Inbox", ["<a@x>", "<b@x>"])]));
        scoper.Observe(MailRead(T0.AddHours(2), Ceo, clientAppId: EvilApp, folders: [("\\Inbox", ["<b@x>", "<c@x>"])]));
        var x = Assert.Single(scoper.Scope(AppIncident(T0, T0.AddHours(3))).Mailboxes);
        Assert.Equal(Ceo, x.Owner);
        Assert.Equal(["<a@x>", "<b@x>", "<c@x>"], x.MessageIds);
        Assert.Equal(3000, x.Bytes);
        Assert.Equal(4, x.Operations);
        Assert.Equal([EvilApp], x.Via);
        Assert.Equal(T0.AddHours(1), x.FirstAccess);
        Assert.Equal(T0.AddHours(2), x.LastAccess);
        Assert.Empty(x.UnknownWindows);
    }

    [Fact]
    public void A_sync_exposes_the_whole_folder()
    {
        var scoper = new MailAccessScoper();
        scoper.Observe(MailRead(T0.AddHours(1), Ceo, "Sync", clientAppId: EvilApp, folders: [("\\Inbox\\Legal Hold", [])]));
        var x = Assert.Single(scoper.Scope(AppIncident(T0, T0.AddHours(3))).Mailboxes);
        Assert.Equal(["\\Inbox\\Legal Hold"], x.FoldersSynced);
        Assert.Empty(x.MessageIds);
    }

    [Fact]
    public void A_throttled_record_opens_a_day_of_items_unknown_that_bind_items_inside_do_not_close()
    {
        var scoper = new MailAccessScoper();
        var at = T0.AddHours(5);
        scoper.Observe(MailRead(at, Ceo, clientAppId: EvilApp, throttled: true, folders: [("\\Inbox", [])]));
        scoper.Observe(MailRead(at.AddHours(3), Ceo, clientAppId: EvilApp, throttled: true, folders: [("\\Inbox", [])]));
        scoper.Observe(MailRead(at.AddHours(4), Ceo, clientAppId: EvilApp, folders: [("\\Inbox", ["<in-window@x>"])]));
        scoper.Observe(MailRead(at.AddDays(3), Ceo, clientAppId: EvilApp, throttled: true, folders: [("\\Inbox", [])]));
        scoper.Observe(SignIn(at.AddDays(10), "someone@x.com", "192.0.2.50")); // data runs on past every window
        var x = Assert.Single(scoper.Scope(AppIncident(T0, at.AddDays(4))).Mailboxes);
        Assert.Equal([new TimeWindow(at, at.AddHours(24)), new TimeWindow(at.AddDays(3), at.AddDays(4))], x.UnknownWindows);
        Assert.Equal(["<in-window@x>"], x.MessageIds);
    }

    [Fact]
    public void An_unknown_window_is_clipped_where_the_data_ends()
    {
        var scoper = new MailAccessScoper();
        scoper.Observe(MailRead(T0.AddHours(1), Ceo, clientAppId: EvilApp, throttled: true, folders: [("\\Inbox", [])]));
        scoper.Observe(SignIn(T0.AddHours(7), "someone@x.com", "192.0.2.50"));
        var x = Assert.Single(scoper.Scope(AppIncident(T0, T0.AddHours(2))).Mailboxes);
        Assert.Equal([new TimeWindow(T0.AddHours(1), T0.AddHours(7))], x.UnknownWindows);
    }

    [Fact]
    public void The_owners_own_reads_and_first_party_clients_are_not_exposure()
    {
        var scoper = new MailAccessScoper();
        for (var d = 0; d < 5; d++)
        {
            scoper.Observe(SignIn(T0.AddDays(d), Ceo, "198.51.100.7"));
            scoper.Observe(MailRead(T0.AddDays(d).AddHours(1), Ceo, appId: MicrosoftApps.ExchangeOnline, folders: [("\\Inbox", [$"<own{d}@x>"])]));
        }
        scoper.Observe(MailRead(T0.AddDays(4).AddHours(2), Ceo, clientAppId: EvilApp, folders: [("\\Inbox", ["<stolen@x>"])]));
        var x = Assert.Single(scoper.Scope(AppIncident(T0.AddDays(3), T0.AddDays(4).AddHours(3))).Mailboxes);
        Assert.Equal(["<stolen@x>"], x.MessageIds);
        Assert.Equal([EvilApp], x.Via);
        // Routine reads from a familiar IP are not even kept.
        Assert.True(scoper.Kept <= 3, $"kept {scoper.Kept}");
    }

    [Fact]
    public void An_owners_read_through_the_incidents_stolen_session_is_exposure()
    {
        var victim = "victim@x.com";
        var scoper = new MailAccessScoper();
        scoper.Observe(MailRead(T0.AddHours(1), victim, ip: "203.0.113.66", session: "stolen", folders: [("\\Inbox", ["<read-by-attacker@x>"])]));
        scoper.Observe(MailRead(T0.AddHours(1), victim, ip: "198.51.100.7", session: "own", folders: [("\\Inbox", ["<own@x>"])]));
        var incident = IncidentOf(
            Alert("aitm", T0, "T1557", users: [victim], sessions: ["stolen"], ips: ["203.0.113.66"]),
            Alert("replay", T0.AddHours(2), "T1539", users: [victim], sessions: ["stolen"]));
        var x = Assert.Single(scoper.Scope(incident).Mailboxes);
        Assert.Equal(["<read-by-attacker@x>"], x.MessageIds);
    }

    [Fact]
    public void An_owners_read_from_the_incidents_ip_is_exposure_unless_the_ip_is_shared()
    {
        var victim = "victim@x.com";
        var scoper = new MailAccessScoper();
        // The attacker's IP on another session; the same IP written in capitals and padded, as a log may; the victim's own IP.
        scoper.Observe(MailRead(T0.AddHours(1), victim, ip: "2001:DB8::66 ", session: "other", folders: [("\\Inbox", ["<by-ip@x>"])]));
        scoper.Observe(MailRead(T0.AddHours(1), victim, ip: "198.51.100.7", session: "own", folders: [("\\Inbox", ["<own@x>"])]));
        // A second owner read only through a shared IP (four identities behind it, more than the bar of three).
        scoper.Observe(MailRead(T0.AddHours(1), victim, ip: "192.0.2.80", session: "cafe", folders: [("\\Inbox", ["<cafe@x>"])]));
        foreach (var who in new[] { "a@x.com", "b@x.com", "c@x.com", "d@x.com" }) scoper.Observe(SignIn(T0, who, "192.0.2.80"));
        var incident = IncidentOf(
            Alert("spray-success", T0, "T1110.003", users: [victim], ips: ["2001:db8::66", "192.0.2.80"]),
            Alert("rule", T0.AddHours(2), "T1114.002", users: [victim]));
        var x = Assert.Single(scoper.Scope(incident).Mailboxes);
        Assert.Equal(victim, x.Owner);
        Assert.Equal(["<by-ip@x>"], x.MessageIds);
        Assert.Equal(["9199bf20-a13f-4107-85dc-02114787ef48"], x.Via); // the resource app the read went through
    }

    [Fact]
    public void A_delegate_read_is_kept_by_its_actor_and_other_campaigns_reads_are_not_counted()
    {
        var scoper = new MailAccessScoper();
        scoper.Observe(MailRead(T0.AddHours(1), Ceo, actor: "intruder@x.com", folders: [("\\Inbox", ["<delegate@x>"])]));
        scoper.Observe(MailRead(T0.AddHours(1), Ceo, clientAppId: "99999999-2222-3333-4444-555555555555", folders: [("\\Inbox", ["<other-app@x>"])]));
        var incident = IncidentOf(Alert("fullaccess", T0, "T1098.002", users: ["intruder@x.com"]), Alert("read", T0.AddHours(2), "T1114.002", users: ["intruder@x.com"], mailboxes: [Ceo]));
        var x = Assert.Single(scoper.Scope(incident).Mailboxes);
        Assert.Equal(["<delegate@x>"], x.MessageIds);
    }

    [Fact]
    public void Reads_before_the_incident_began_are_not_its_exposure()
    {
        var scoper = new MailAccessScoper();
        scoper.Observe(MailRead(T0.AddHours(-5), Ceo, clientAppId: EvilApp, folders: [("\\Inbox", ["<before@x>"])]));
        scoper.Observe(MailRead(T0.AddHours(1), Ceo, clientAppId: EvilApp, folders: [("\\Inbox", ["<after@x>"])]));
        Assert.Equal(["<after@x>"], Assert.Single(scoper.Scope(AppIncident(T0, T0.AddHours(2))).Mailboxes).MessageIds);
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentException>(() => new MailAccessScoper(new MailAccessScoperOptions { ThrottleDuration = TimeSpan.Zero }));
        Assert.Empty(new MailAccessScoperOptions().Validate());
    }
}
