using Daybreak.Correlation;
using Daybreak.Detection;
using Daybreak.Tests.Correlation.Support;
using static Daybreak.Tests.Correlation.Support.Some;

namespace Daybreak.Tests.Correlation;

public sealed class EntityGraphCorrelatorTests
{
    private const string EvilApp = "11111111-2222-3333-4444-555555555555";
    private const string EvilSp = "aaaaaaaa-2222-3333-4444-555555555555";
    private const string Key = "cccccccc-2222-3333-4444-555555555555";

    private static IReadOnlyList<Incident> Correlate(params Alert[] alerts) => new EntityGraphCorrelator().Correlate(alerts).Incidents;

    [Fact]
    public void Alerts_sharing_an_app_id_weeks_apart_are_one_incident()
    {
        var incidents = Correlate(
            Alert("consent", T0, "T1098.003", apps: [EvilApp], users: ["admin@x.com"]),
            Alert("read", T0.AddDays(20), "T1114.002", apps: [EvilApp], users: ["ceo@x.com"], mailboxes: ["ceo@x.com"]));
        var incident = Assert.Single(incidents);
        Assert.Equal(2, incident.Steps.Count);
    }

    [Fact]
    public void Alerts_sharing_a_service_principal_or_a_credential_key_or_a_session_join()
    {
        Assert.Single(Correlate(Alert("a", T0, sps: [EvilSp]), Alert("b", T0.AddDays(3), userIds: [EvilSp])));
        Assert.Single(Correlate(Alert("cred added", T0, "T1098.001", users: ["legacy@test.onmicrosoft.com"], creds: [Key]),
            Alert("sp sign-in", T0.AddHours(30), "T1550.001", apps: [EvilApp], creds: [Key])));
        Assert.Single(Correlate(Alert("aitm", T0, "T1557", users: ["a@x.com"], sessions: ["s-1"]),
            Alert("replay", T0.AddHours(1), "T1539", users: ["b@x.com"], sessions: ["s-1"])));
    }

    [Fact]
    public void Strong_keys_do_not_join_beyond_the_window()
    {
        Assert.Equal(2, Correlate(Alert("a", T0, apps: [EvilApp]), Alert("b", T0.AddDays(45), apps: [EvilApp])).Count);
        var wide = new EntityGraphCorrelator(new EntityGraphCorrelatorOptions { StrongLinkWindow = TimeSpan.FromDays(60) });
        Assert.Single(wide.Correlate([Alert("a", T0, apps: [EvilApp]), Alert("b", T0.AddDays(45), apps: [EvilApp])]).Incidents);
    }

    [Fact]
    public void A_chain_of_alerts_each_within_the_window_stays_one_campaign_beyond_it()
    {
        var incident = Assert.Single(Correlate(
            Alert("1", T0, apps: [EvilApp]), Alert("2", T0.AddDays(25), apps: [EvilApp]), Alert("3", T0.AddDays(50), apps: [EvilApp])));
        Assert.Equal(T0.AddDays(50) - T0, incident.LastSeen - incident.FirstSeen);
    }

    [Fact]
    public void First_party_app_ids_and_mailboxes_alone_do_not_join()
    {
        var incidents = Correlate(
            Alert("a", T0, "T1114.002", users: ["a@x.com"], apps: [MicrosoftApps.ExchangeOnline, MicrosoftApps.Graph, "9199bf20-a13f-4107-85dc-02114787ef48"], mailboxes: ["ceo@x.com"]),
            Alert("b", T0.AddHours(1), "T1114.002", users: ["b@x.com"], apps: [MicrosoftApps.ExchangeOnline, MicrosoftApps.Graph, "9199bf20-a13f-4107-85dc-02114787ef48"], mailboxes: ["ceo@x.com"]));
        Assert.Equal(2, incidents.Count);
    }

    [Fact]
    public void Two_apps_reading_the_same_leader_stay_apart_even_though_UAL_names_the_owner_as_user()
    {
        var incidents = Correlate(
            Alert("app1", T0, "T1114.002", users: ["ceo@x.com"], apps: [EvilApp], mailboxes: ["ceo@x.com"]),
            Alert("app2", T0.AddHours(2), "T1114.002", users: ["ceo@x.com"], apps: ["22222222-2222-3333-4444-555555555555"], mailboxes: ["ceo@x.com"]));
        Assert.Equal(2, incidents.Count);
    }

    [Fact]
    public void An_ip_joins_only_within_its_short_window()
    {
        Assert.Single(Correlate(Alert("a", T0, users: ["a@x.com"], ips: ["203.0.113.9"]), Alert("b", T0.AddHours(2), users: ["b@x.com"], ips: ["203.0.113.9"])));
        Assert.Equal(2, Correlate(Alert("a", T0, users: ["a@x.com"], ips: ["203.0.113.9"]), Alert("b", T0.AddDays(2), users: ["b@x.com"], ips: ["203.0.113.9"])).Count);
    }

    [Fact]
    public void A_busy_shared_ip_joins_nothing()
    {
        var alerts = Enumerable.Range(0, 5).Select(i => Alert("a" + i, T0.AddMinutes(i), users: [$"u{i}@x.com"], ips: ["192.0.2.1"])).ToArray();
        Assert.Equal(5, Correlate(alerts).Count);

        // Busy in the stream even when only two alerts carry it.
        var ips = new IpPopularity(3);
        for (var i = 0; i < 10; i++) ips.Observe("192.0.2.2", $"user{i}@x.com");
        var correlator = new EntityGraphCorrelator(ips: ips);
        Assert.Equal(2, correlator.Correlate([Alert("a", T0, users: ["a@x.com"], ips: ["192.0.2.2"]), Alert("b", T0.AddMinutes(5), users: ["b@x.com"], ips: ["192.0.2.2"])]).Incidents.Count);
    }

    [Fact]
    public void A_user_or_app_seen_in_the_test_and_production_tenants_joins_across_the_boundary()
    {
        var incident = Assert.Single(Correlate(
            Alert("spray", T0, "T1110.003", users: ["legacy@test.onmicrosoft.com"], tenants: ["test-tenant"]),
            Alert("secret on legacy app", T0.AddMinutes(9), "T1098.001", users: ["legacy@test.onmicrosoft.com"], apps: [EvilApp], tenants: ["test-tenant"]),
            Alert("legacy app in prod", T0.AddDays(1), "T1550.001", apps: [EvilApp], sps: [EvilSp], tenants: ["prod-tenant"])));
        Assert.Equal<string>(["prod-tenant", "test-tenant"], incident.Entities.Tenants);
    }

    [Fact]
    public void Steps_are_ordered_by_event_time_and_detection_is_the_alert_that_set_the_final_severity()
    {
        var read = Alert("read", T0.AddDays(10), "T1114.002", Severity.Medium, apps: [EvilApp], mailboxes: ["ceo@x.com"], firstSeen: T0.AddDays(9));
        var spray = Alert("spray", T0.AddHours(5), "T1110.003", Severity.Low, users: ["legacy@x.com"], firstSeen: T0);
        var cred = Alert("cred", T0.AddDays(1), "T1098.001", Severity.Medium, users: ["legacy@x.com"], apps: [EvilApp]);
        var grant = Alert("grant", T0.AddDays(2), "T1098.003", Severity.Medium, apps: [EvilApp]);
        var incident = Assert.Single(Correlate(read, grant, spray, cred));
        Assert.Equal(["spray", "cred", "grant", "read"], incident.Steps.Select(s => s.Title));
        Assert.Equal(T0, incident.FirstSeen);
        Assert.Equal(T0.AddDays(10), incident.LastSeen);
        Assert.Equal(Severity.Critical, incident.Severity); // four tactics: credential access, persistence, privilege escalation, collection
        Assert.Equal(T0.AddDays(10), incident.DetectedAt);
        Assert.Equal(TimeSpan.FromDays(10), incident.Dwell);
        Assert.Equal(["T1110.003", "T1098.001", "T1098.003", "T1114.002"], incident.Techniques);
        Assert.StartsWith("Password spray → credentials added to apps", incident.Title);
    }

    [Fact]
    public void A_vip_mailbox_or_many_mailboxes_raise_severity()
    {
        Alert[] Chain(params string[] mailboxes) =>
        [
            Alert("cred", T0, "T1098.001", apps: [EvilApp]),
            Alert("read", T0.AddDays(1), "T1114.002", apps: [EvilApp], mailboxes: mailboxes),
        ];
        Assert.Equal(Severity.Medium, Assert.Single(Correlate(Chain("clerk@x.com"))).Severity);
        var vip = new EntityGraphCorrelator(new EntityGraphCorrelatorOptions { VipMailboxes = new HashSet<string> { "ceo@x.com" } });
        var incident = Assert.Single(vip.Correlate(Chain("ceo@x.com")).Incidents);
        Assert.Equal(Severity.High, incident.Severity);
        Assert.Equal(T0.AddDays(1), incident.DetectedAt);
        Assert.Equal(Severity.High, Assert.Single(Correlate(Chain("a@x.com", "b@x.com", "c@x.com", "d@x.com", "e@x.com"))).Severity);
    }

    [Fact]
    public void Incident_ids_are_deterministic_and_follow_the_earliest_alerts()
    {
        var a = Alert("a", T0, apps: [EvilApp]);
        var b = Alert("b", T0.AddDays(1), apps: [EvilApp]);
        var first = Assert.Single(Correlate(a, b)).Id;
        Assert.Equal(first, Assert.Single(Correlate(b, a)).Id);
        Assert.StartsWith("inc-", first);
        Assert.NotEqual(first, Assert.Single(Correlate(Alert("z", T0.AddDays(-1), apps: [EvilApp]), a, b)).Id);
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentException>(() => new EntityGraphCorrelator(new EntityGraphCorrelatorOptions { StrongLinkWindow = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new EntityGraphCorrelator(new EntityGraphCorrelatorOptions { IpLinkWindow = TimeSpan.FromDays(90) }));
        Assert.Throws<ArgumentException>(() => new EntityGraphCorrelator(new EntityGraphCorrelatorOptions { MaxUsersPerIp = 0 }));
        Assert.Throws<ArgumentException>(() => IncidentComponents.CreateDefault(new IncidentOptions { Scoping = { FamiliarAfterDays = 0 } }));
        Assert.Empty(new EntityGraphCorrelatorOptions().Validate());
    }

    [Fact]
    public void No_alerts_no_incidents() => Assert.Empty(Correlate());
}
