using Daybreak.Correlation;
using Daybreak.Detection;
using Daybreak.Detection.Builtin;
using Daybreak.Events;
using static Daybreak.Tests.Detection.Builtin.Some;

namespace Daybreak.Tests.Detection.Builtin;

/// <summary>
/// Issue 4, "spray campaign breadth": a campaign carries only the accounts whose failures share its pattern (IPs or
/// ASNs that fail for other accounts of the campaign too). At 2,000 users x 30 days a traveller failing twice from
/// two hotel IPs while the spray ran joined the campaign, and her own mail reads entered its blast radius.
/// </summary>
public sealed class SprayCampaignBreadthTests
{
    // Residential ASNs a proxy network exits from (Comcast, Charter, AT&T, UUNET, BT, DTAG).
    private static readonly long[] ProxyAsns = [7922, 20115, 7018, 701, 2856, 3320];

    private static IEnumerable<AuditEvent> Office(int days) =>
        Enumerable.Range(0, days * 8).Select(i => SignIn(T0.AddHours(i * 3), "alice@contoso.com", "198.51.100.1", mfa: true));

    /// <summary>Eight accounts sprayed over six days, every attempt from a fresh IP in one of six residential ASNs; six
    /// accounts are tried every 8 hours, one only every 30 hours (it accumulates its five IPs over six days), and
    /// legacy@ is won on day 6.</summary>
    private static List<AuditEvent> Spray(out List<string> accounts)
    {
        accounts = [.. Enumerable.Range(0, 7).Select(i => i == 0 ? "legacy@contoso.com" : $"user{i}@contoso.com"), "slow@contoso.com"];
        var failures = new List<AuditEvent>();
        var n = 0;
        foreach (var (upn, a) in accounts.Select((u, a) => (u, a)))
        {
            var every = upn == "slow@contoso.com" ? 30.0 : 8.0;
            for (var h = a * 0.3; h < 6 * 24; h += every)
            {
                n++;
                failures.Add(SignIn(T0.AddHours(h), upn, $"203.{n / 250}.{n % 250}.{a + 1}", n % 5 == 0 ? "50053" : "50126", asn: ProxyAsns[n % ProxyAsns.Length]));
            }
        }
        failures.Add(SignIn(T0.AddDays(6).AddHours(2), "legacy@contoso.com", "203.9.9.9", asn: 7922));
        return failures;
    }

    /// <summary>Asserts that the campaign alerts carry one campaign id and exactly <paramref name="accounts"/>, and that the
    /// one success alert carries that id; returns both.</summary>
    internal static (string Id, Alert Success) OneCampaignOf(List<Alert> alerts, IEnumerable<string> accounts)
    {
        var campaigns = alerts.Where(a => a.Rule == "builtin.password-spray.campaign").ToList();
        Assert.NotEmpty(campaigns);
        var id = Assert.Single(campaigns.SelectMany(a => a.Entities.Campaigns).Distinct());
        Assert.Equal(accounts.Order(), campaigns.SelectMany(a => a.Entities.Users).Distinct().Order());
        var success = Assert.Single(alerts, a => a.Rule == "builtin.password-spray.success");
        Assert.Contains(id, success.Entities.Campaigns);
        return (id, success);
    }

    [Fact]
    public void A_spray_over_many_residential_ips_names_every_sprayed_account_in_one_campaign()
    {
        var spray = Spray(out var accounts);
        var alerts = CollectingSink.Run(new PasswordSprayDetection(), [.. Office(7), .. spray]);

        // The slow account only has two failures in any three-day window; it is a member through the shared ASNs.
        var (id, success) = OneCampaignOf(alerts, accounts);
        Assert.Contains("legacy@contoso.com", success.Entities.Users);
        var slowTarget = Assert.Single(alerts, a => a.Rule == "builtin.password-spray.target" && a.Entities.Users.Contains("slow@contoso.com"));
        Assert.True(slowTarget.Time - T0 > TimeSpan.FromDays(5), "five IPs take the slow account six days");
        Assert.Contains(id, slowTarget.Entities.Campaigns);

        var incident = Assert.Single(new EntityGraphCorrelator().Correlate(alerts).Incidents);
        Assert.Equal(accounts.Order(), incident.Entities.Users.Order());
    }

    [Fact]
    public void A_traveller_failing_from_two_ips_nobody_else_uses_stays_out_of_the_campaign()
    {
        var spray = Spray(out _);
        // Day 2: two failed sign-ins from a Paris hotel and a Frankfurt hosting IP, each in an ASN no sprayed account fails from.
        AuditEvent[] traveller =
        [
            SignIn(T0.AddDays(2).AddHours(7), "anika@contoso.com", "80.12.44.7", "50126", asn: 3215, country: "FR"),
            SignIn(T0.AddDays(2).AddHours(19), "anika@contoso.com", "85.214.3.90", "50126", asn: 6724, country: "DE"),
        ];
        var alerts = CollectingSink.Run(new PasswordSprayDetection(), [.. Office(7), .. spray, .. traveller]);

        Assert.Contains(alerts, a => a.Rule == "builtin.password-spray.campaign");
        Assert.DoesNotContain(alerts, a => a.Entities.Users.Contains("anika@contoso.com"));
        Assert.DoesNotContain(alerts, a => a.Entities.Ips.Contains("80.12.44.7") || a.Entities.Ips.Contains("85.214.3.90"));
        Assert.DoesNotContain(alerts.SelectMany(a => a.Evidence), e => traveller.Any(t => t.RecordId == e));
        var incident = Assert.Single(new EntityGraphCorrelator().Correlate(alerts).Incidents);
        Assert.DoesNotContain("anika@contoso.com", incident.Entities.Users);
    }

    [Fact]
    public void A_traveller_failing_from_the_campaigns_proxy_ips_joins_it()
    {
        // The other side of the same rule: failures from IPs the spray also uses are the spray's, whoever the account is.
        var spray = Spray(out _);
        var proxyIps = spray.Where(e => e.Actor.Upn == "user1@contoso.com" && e.Time > T0.AddDays(2)).Take(2).ToList();
        AuditEvent[] sprayed =
        [
            SignIn(proxyIps[0].Time.AddMinutes(5), "anika@contoso.com", proxyIps[0].Network.Ip!, "50126", asn: 64500),
            SignIn(proxyIps[1].Time.AddMinutes(5), "anika@contoso.com", proxyIps[1].Network.Ip!, "50126", asn: 64501),
            SignIn(proxyIps[1].Time.AddMinutes(9), "bert@contoso.com", proxyIps[1].Network.Ip!, "50126", asn: 64501),
            SignIn(proxyIps[0].Time.AddMinutes(9), "bert@contoso.com", proxyIps[0].Network.Ip!, "50126", asn: 64500),
        ];
        var alerts = CollectingSink.Run(new PasswordSprayDetection(), [.. Office(7), .. spray, .. sprayed]);

        Assert.Contains(alerts, a => a.Rule == "builtin.password-spray.campaign" && a.Entities.Users.Contains("anika@contoso.com"));
    }

    [Fact]
    public void Campaign_shared_min_accounts_below_two_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PasswordSprayDetection(new PasswordSprayDetectionOptions { CampaignSharedMinAccounts = 1 }));
    }
}
