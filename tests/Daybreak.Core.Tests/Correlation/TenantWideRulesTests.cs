using System.Text.Json;
using Daybreak.Correlation;
using Daybreak.Detection;
using Daybreak.Pipeline;
using Daybreak.Reporting;
using static Daybreak.Tests.Correlation.Support.Some;

namespace Daybreak.Tests.Correlation;

/// <summary>Community rules that fire across the tenant are reported and join no incident; Daybreak's own never are.</summary>
public sealed class TenantWideRulesTests
{
    private const string Noisy = "4d78a000-ab52-4564-88a5-7ab5242b20c7";

    /// <summary>A tenant of <paramref name="users"/> users, as the stream named them.</summary>
    private static IpPopularity Tenant(int users)
    {
        var ips = new IpPopularity(3);
        for (var i = 0; i < users; i++)
        {
            var evt = new Daybreak.Events.AuditEvent { RecordId = "signin:" + i, Format = "test", Raw = "{}" };
            evt.Actor.Upn = $"user{i}@x.com";
            evt.Network.Ip = "192.0.2." + (i % 250);
            ips.Observe(evt);
            ips.Observe(evt); // a user seen twice counts once
        }
        var appOnly = new Daybreak.Events.AuditEvent { RecordId = "signin:app", Format = "test", Raw = "{}" };
        appOnly.Actor.ObjectId = "aaaaaaaa-0000-0000-0000-000000000001"; // an identity without a UPN is not a user
        appOnly.Network.Ip = "198.51.100.1";
        ips.Observe(appOnly);
        Assert.Equal(users, ips.Users);
        return ips;
    }

    /// <summary>One alert of <paramref name="rule"/> per user, a day apart per user, each user twice.</summary>
    private static List<Alert> OnUsers(string rule, int users, bool community, int offset = 0) =>
    [
        .. Enumerable.Range(offset, users).SelectMany(i => new[]
        {
            Alert(rule, T0.AddHours(i), "T1556", users: [$"user{i}@x.com"], community: community),
            Alert(rule, T0.AddHours(i).AddDays(9), "T1556", users: [$"user{i}@x.com"], community: community),
        }),
    ];

    [Fact]
    public void A_community_rule_firing_for_a_large_share_of_the_tenant_joins_no_incident_and_is_reported()
    {
        var correlator = new EntityGraphCorrelator(ips: Tenant(100));
        var result = correlator.Correlate(OnUsers(Noisy, 30, community: true));
        Assert.Empty(result.Incidents);
        var rule = Assert.Single(result.TenantWideRules);
        Assert.Equal((Noisy, 60, 30, 100), (rule.Rule, rule.Alerts, rule.Users, rule.TenantUsers));
    }

    [Fact]
    public void Daybreaks_own_rules_are_never_left_out_however_wide()
    {
        var result = new EntityGraphCorrelator(ips: Tenant(100)).Correlate(OnUsers("builtin.password-spray", 30, community: false));
        Assert.Empty(result.TenantWideRules);
        Assert.Equal(30, result.Incidents.Count); // one per user: their two alerts join through the UPN
    }

    [Fact]
    public void A_community_rule_on_a_few_users_still_makes_incidents()
    {
        var result = new EntityGraphCorrelator(ips: Tenant(1000)).Correlate(OnUsers(Noisy, 40, community: true));
        Assert.Empty(result.TenantWideRules); // 40 of 1,000 is 4%, under the 5% share
        Assert.Equal(40, result.Incidents.Count);
    }

    [Fact]
    public void A_small_tenant_needs_more_than_the_minimum_of_users()
    {
        var tenant = Tenant(40);
        Assert.Empty(new EntityGraphCorrelator(ips: tenant).Correlate(OnUsers(Noisy, 10, community: true)).TenantWideRules);
        Assert.Single(new EntityGraphCorrelator(ips: tenant).Correlate(OnUsers(Noisy, 11, community: true)).TenantWideRules);
        var strict = new EntityGraphCorrelatorOptions { TenantWideMinUsers = 3, TenantWideShare = 0.1 };
        Assert.Single(new EntityGraphCorrelator(strict, tenant).Correlate(OnUsers(Noisy, 5, community: true)).TenantWideRules);
    }

    [Fact]
    public void An_incident_no_longer_takes_in_its_victims_ordinary_month()
    {
        // The victim is one of the many users the noisy community rule fires for, weeks around the attack.
        var attack = Alert("builtin.mfa-fatigue", T0.AddDays(10), "T1621", Severity.High, users: ["user3@x.com"], ips: ["203.0.113.9"]);
        var alerts = OnUsers(Noisy, 60, community: true).Append(attack).ToList();
        var incident = Assert.Single(new EntityGraphCorrelator(ips: Tenant(200)).Correlate(alerts).Incidents);
        Assert.Equal([attack.Id], incident.Alerts.Select(a => a.Id));
        Assert.Equal(attack.Time, incident.FirstSeen);
        Assert.Equal(attack.Time, incident.LastSeen);

        // The same alerts from Daybreak's own rule would have joined the victim's incident through the UPN.
        var own = OnUsers("builtin.auth-method", 60, community: false).Append(attack).ToList();
        var joined = new EntityGraphCorrelator(ips: Tenant(200)).Correlate(own).Incidents.Single(i => i.Alerts.Contains(attack));
        Assert.Equal(3, joined.Alerts.Count);
    }

    [Fact]
    public void Without_the_streams_users_the_users_the_alerts_name_are_the_tenant()
    {
        // No IP popularity: 30 users named by a community rule, 20 more by a built-in one; 30 of 50 is tenant-wide.
        var alerts = OnUsers(Noisy, 30, community: true).Concat(OnUsers("builtin.x", 20, community: false, offset: 30)).ToList();
        var rule = Assert.Single(new EntityGraphCorrelator().Correlate(alerts).TenantWideRules);
        Assert.Equal(50, rule.TenantUsers);
    }

    [Fact]
    public void The_share_and_minimum_are_validated()
    {
        Assert.Throws<ArgumentException>(() => new EntityGraphCorrelator(new EntityGraphCorrelatorOptions { TenantWideShare = 0 }));
        Assert.Throws<ArgumentException>(() => new EntityGraphCorrelator(new EntityGraphCorrelatorOptions { TenantWideShare = 1.5 }));
        Assert.Throws<ArgumentException>(() => new EntityGraphCorrelator(new EntityGraphCorrelatorOptions { TenantWideMinUsers = 0 }));
    }

    [Fact]
    public void The_report_lists_the_rules_and_marks_community_alerts()
    {
        var alert = Alert(Noisy, T0, community: true, users: ["a@x.com"]);
        var report = new HuntReport
        {
            Input = new IngestSummary(),
            Alerts = [alert, Alert("builtin.x", T0)],
            TenantWideRules = [new TenantWideRule(Noisy, "Change to Authentication Method", 28141, 1964, 2000)],
        };
        using var stream = new MemoryStream();
        HuntReportJson.Write(report, stream);
        using var doc = JsonDocument.Parse(stream.ToArray());
        var rule = Assert.Single(doc.RootElement.GetProperty("tenant_wide_rules").EnumerateArray());
        Assert.Equal(Noisy, rule.GetProperty("rule").GetString());
        Assert.Equal(1964, rule.GetProperty("users").GetInt32());
        Assert.Equal(2000, rule.GetProperty("tenant_users").GetInt32());
        Assert.Equal(28141, rule.GetProperty("alerts").GetInt32());
        var written = doc.RootElement.GetProperty("alerts").EnumerateArray().ToList();
        Assert.True(written[0].GetProperty("community").GetBoolean());
        Assert.False(written[1].TryGetProperty("community", out _));

        Assert.True(FindingsJson.ReadAlert(FindingsJson.Write(alert)).Community);
        Assert.False(FindingsJson.ReadAlert(FindingsJson.Write(Alert("builtin.x", T0))).Community);
    }
}
