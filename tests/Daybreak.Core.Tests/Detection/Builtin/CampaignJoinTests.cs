using Daybreak.Correlation;
using Daybreak.Detection.Builtin;
using Daybreak.Events;
using static Daybreak.Tests.Detection.Builtin.Some;

namespace Daybreak.Tests.Detection.Builtin;

/// <summary>What alerts carry so a campaign becomes one incident: spray campaign ids, a raised key's first use, and
/// which targets of a grant are entities (the client) and which are not (the resource).</summary>
public sealed class CampaignJoinTests
{
    private const string Exchange = "00000002-0000-0ff1-ce00-000000000000";

    private static IEnumerable<AuditEvent> Office(int days) =>
        Enumerable.Range(0, days * 8).Select(i => SignIn(T0.AddHours(i * 3), "alice@contoso.com", "198.51.100.1", mfa: true));

    [Fact]
    public void Spray_campaign_its_targets_and_the_won_account_are_one_incident()
    {
        // Seven accounts each sprayed from six fresh IPs; only legacy@ is then won.
        var accounts = Enumerable.Range(0, 7).Select(i => i == 0 ? "legacy@contoso.com" : $"user{i}@contoso.com").ToList();
        var failures = accounts.SelectMany((u, a) => Enumerable.Range(0, 6).Select(i =>
            SignIn(T0.AddHours(2 * i + a * 0.1), u, $"203.0.{a}.{i + 10}", "50126", asn: 100 + i)));
        var success = SignIn(T0.AddDays(1), "legacy@contoso.com", "203.0.113.99");
        var alerts = CollectingSink.Run(new PasswordSprayDetection(), [.. Office(2), .. failures, success]);
        Assert.Single(alerts, a => a.Rule == "builtin.password-spray.campaign");
        Assert.Single(alerts, a => a.Rule == "builtin.password-spray.success");
        Assert.Equal(accounts.Count, alerts.Count(a => a.Rule == "builtin.password-spray.target"));
        var campaign = Assert.Single(alerts.SelectMany(a => a.Entities.Campaigns).Distinct());
        Assert.All(alerts.Where(a => a.Time >= alerts.Single(c => c.Rule == "builtin.password-spray.campaign").Time), a => Assert.Contains(campaign, a.Entities.Campaigns));
        Assert.Single(new EntityGraphCorrelator().Correlate(alerts).Incidents);
    }

    [Fact]
    public void A_spray_on_one_account_without_a_campaign_carries_no_campaign_id()
    {
        var failures = Enumerable.Range(0, 6).Select(i => SignIn(T0.AddHours(9 * i), "legacy@contoso.com", $"203.0.113.{i + 10}", "50126", asn: 100 + i));
        var alerts = CollectingSink.Run(new PasswordSprayDetection(), [.. Office(4), .. failures]);
        Assert.Single(alerts);
        Assert.Empty(alerts[0].Entities.Campaigns);
    }

    [Fact]
    public void First_service_principal_sign_in_with_a_raised_key_names_the_app_and_the_adder()
    {
        var old = SignIn(T0.AddDays(-30), "legacy@test.com", "198.51.100.7");
        var back = SignIn(T0, "legacy@test.com", "203.0.113.9");
        var add = Audit(T0.AddMinutes(5), "Update application – Certificates and secrets management", byUpn: "legacy@test.com",
            targets: Target("Application", "app-object-1", "Legacy App", ("KeyDescription", "[\"[KeyIdentifier=k0]\"]", "[\"[KeyIdentifier=k0]\",\"[KeyIdentifier=k9]\"]")));
        add.Auth.CredentialKeyId = "k9";
        var use = ServicePrincipalSignIn(T0.AddHours(3), "legacy-app-id", "legacy-sp", "k9", "203.0.113.50");
        var again = ServicePrincipalSignIn(T0.AddHours(4), "legacy-app-id", "legacy-sp", "k9", "203.0.113.51");
        var rotated = ServicePrincipalSignIn(T0.AddHours(5), "lob-app-id", "lob-sp", "k-routine", "198.51.100.1");
        var alerts = CollectingSink.Run(new AppCredentialAddedDetection(), [old, back, add, use, again, rotated]);
        Assert.Equal(2, alerts.Count);
        var used = Assert.Single(alerts, a => a.Rule == "builtin.app-credential-added.used");
        Assert.Equal(use.Time, used.Time);
        Assert.Contains("T1550.001", used.Techniques);
        Assert.Contains("legacy-app-id", used.Entities.Apps);
        Assert.Contains("legacy@test.com", used.Entities.Users);
        Assert.Contains("k9", used.Entities.CredentialKeyIds);
        Assert.Single(new EntityGraphCorrelator().Correlate(alerts).Incidents);
    }

    [Fact]
    public void App_role_assignment_names_the_client_not_the_resource_service_principal()
    {
        var grant = Audit(T0, "Add app role assignment to service principal", byUpn: "admin@contoso.com",
            targets: [Target("ServicePrincipal", "exchange-sp-object", "Office 365 Exchange Online",
                ("AppRole.Value", null, "\"full_access_as_app\""), ("ServicePrincipal.ObjectID", null, "\"11111111-0000-0000-0000-00000000000c\""),
                ("ServicePrincipal.AppId", null, "\"22222222-0000-0000-0000-00000000000c\""), ("TargetId.ServicePrincipalNames", null, $"\"{Exchange};https://outlook.office365.com\"")),
            Target("ServicePrincipal", "11111111-0000-0000-0000-00000000000c", "Backup")]);
        var e = new Daybreak.Detection.AlertEntities();
        TargetEntities.AddTo(e, grant);
        Assert.Equal<string>(["11111111-0000-0000-0000-00000000000c"], e.ServicePrincipals);
        Assert.Equal<string>(["22222222-0000-0000-0000-00000000000c"], e.Apps);
    }

    [Fact]
    public void Delegated_grant_names_the_client_not_the_resource()
    {
        var grant = Audit(T0, "Add delegated permission grant", byUpn: "victim@contoso.com",
            targets: [Target("ServicePrincipal", "graph-sp-object", "Microsoft Graph",
                ("DelegatedPermissionGrant.ClientId", null, "\"33333333-0000-0000-0000-00000000000c\""), ("ServicePrincipal.ObjectID", null, "\"44444444-0000-0000-0000-00000000000c\"")),
            Target("ServicePrincipal", "33333333-0000-0000-0000-00000000000c", "Doc Viewer")]);
        var e = new Daybreak.Detection.AlertEntities();
        TargetEntities.AddTo(e, grant);
        Assert.Equal<string>(["33333333-0000-0000-0000-00000000000c"], e.ServicePrincipals);
    }

    private static AuditEvent ServicePrincipalSignIn(DateTime time, string appId, string spId, string key, string ip)
    {
        var e = SignIn(time, "unused@x", ip);
        e.Actor.Kind = ActorKind.ServicePrincipal;
        e.Actor.Upn = null;
        e.Actor.AppId = appId;
        e.Actor.ObjectId = spId;
        e.Actor.DisplayName = "SP " + appId;
        e.Auth.SignInType = "servicePrincipal";
        e.Auth.CredentialKeyId = key;
        return e;
    }
}
