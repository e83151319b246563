using Daybreak.Detection;
using Daybreak.Detection.Builtin;
using static Daybreak.Tests.Detection.Builtin.Some;

namespace Daybreak.Tests.Detection.Builtin;

public sealed class AppAndMailDetectionTests
{
    private const string KeyDescription = "KeyDescription";
    private const string Attacker = "aa910ca6-2446-4b62-9bb9-2d6083dedb12";

    [Fact]
    public void First_credential_added_by_an_app_is_high_and_names_the_target()
    {
        var add = Audit(T0, "Update application – Certificates and secrets management ", byApp: "legacy-app",
            targets: Target("Application", "obj-1", "Outlook Sync", (KeyDescription, "[]", "[\"[KeyIdentifier=k1,KeyType=Password]\"]")));
        add.Auth.CredentialKeyId = "k1";
        var a = Assert.Single(CollectingSink.Run(new AppCredentialAddedDetection(), [add]));
        Assert.Equal(Severity.High, a.Severity);
        Assert.Contains("T1098.001", a.Techniques);
        Assert.Contains("k1", a.Entities.CredentialKeyIds);
        Assert.Contains("legacy-app", a.Entities.Apps);
    }

    [Fact]
    public void Credential_after_admin_consent_to_the_same_app_raises()
    {
        var consent = Audit(T0, "Consent to application", byUpn: "admin@contoso.com",
            targets: Target("ServicePrincipal", "sp-9", "Reader", ("ConsentContext.IsAdminConsent", null, "\"True\"")));
        var rotation = Audit(T0.AddHours(2), "Add service principal credentials", byUpn: "admin@contoso.com",
            targets: Target("ServicePrincipal", "sp-9", "Reader", (KeyDescription, "[\"old\"]", "[\"old\",\"new\"]")));
        var a = Assert.Single(CollectingSink.Run(new AppCredentialAddedDetection(), [SignIn(T0.AddHours(-1), "admin@contoso.com", "198.51.100.1", mfa: true), consent, rotation]));
        Assert.Equal([consent.RecordId, rotation.RecordId], a.Evidence);
    }

    [Fact]
    public void Routine_rotation_of_an_existing_secret_by_an_active_admin_does_not_raise()
    {
        var signIns = Enumerable.Range(0, 20).Select(i => SignIn(T0.AddHours(6 * i), "admin@contoso.com", "198.51.100.1", mfa: true));
        var rotation = Audit(T0.AddDays(4), "Update application – Certificates and secrets management ", byUpn: "admin@contoso.com",
            targets: Target("Application", "obj-2", "CRM", (KeyDescription, "[\"old\"]", "[\"old\",\"new\"]")));
        Assert.Empty(CollectingSink.Run(new AppCredentialAddedDetection(), [.. signIns, rotation]));
    }

    [Fact]
    public void Credential_added_by_a_user_back_after_weeks_raises()
    {
        var old = SignIn(T0, "legacytest@contoso.com", "198.51.100.1");
        var back = SignIn(T0.AddDays(30), "legacytest@contoso.com", "203.0.113.9");
        var add = Audit(T0.AddDays(30).AddMinutes(9), "Update application – Certificates and secrets management ", byUpn: "legacytest@contoso.com",
            targets: Target("Application", "obj-3", "Legacy Test App", (KeyDescription, "[\"old\"]", "[\"old\",\"new\"]")));
        Assert.Single(CollectingSink.Run(new AppCredentialAddedDetection(), [old, back, add]));
    }

    [Fact]
    public void User_created_by_an_app_raises_once_per_app_and_never_for_provisioning_apps()
    {
        Daybreak.Events.AuditEvent Add(int i, string app) => Audit(T0.AddHours(i), "Add user", byApp: app, targets: Target("User", $"u{i}", $"user{i}@contoso.com"));
        var alerts = CollectingSink.Run(new UserCreatedByAppDetection(new UserCreatedByAppDetectionOptions { ProvisioningAppIds = ["hr-app"] }),
            [Add(0, "evil-app"), Add(1, "evil-app"), Add(2, "hr-app"), Add(3, "hr-app")]);
        var a = Assert.Single(alerts);
        Assert.Contains("u0", a.Entities.UserIds);
        Assert.Contains("T1136.003", a.Techniques);
        Assert.Empty(CollectingSink.Run(new UserCreatedByAppDetection(), [Audit(T0, "Add user", byUpn: "admin@contoso.com", targets: Target("User", "u9"))]));
    }

    [Fact]
    public void App_reading_mail_for_the_first_time_after_the_learning_period_raises()
    {
        var baseline = MailAccess(T0, "ann@contoso.com", appId: "backup-app", clientAppId: "backup-app", access: "Sync");
        var owa = MailAccess(T0.AddDays(3), "ann@contoso.com", appId: "9199bf20-a13f-4107-85dc-02114787ef48", byUpn: "ann@contoso.com", client: "Client=OWA");
        var attacker = MailAccess(T0.AddDays(3), "ceo@contoso.com", appId: "00000003-0000-0000-c000-000000000000", clientAppId: Attacker, client: "Client=REST;Client=RESTSystem;;");
        var later = MailAccess(T0.AddDays(4), "ann@contoso.com", appId: "backup-app", clientAppId: "backup-app", access: "Sync");
        var a = Assert.Single(CollectingSink.Run(new NewMailReaderAppDetection(), [baseline, owa, attacker, later]));
        Assert.Equal([attacker.RecordId], a.Evidence);
        Assert.Contains(Attacker, a.Entities.Apps);
        Assert.Contains("ceo@contoso.com", a.Entities.Mailboxes);
    }

    [Fact]
    public void One_app_reading_many_mailboxes_raises_but_an_established_reader_within_its_baseline_does_not()
    {
        var learning = Enumerable.Range(0, 20).Select(i => MailAccess(T0.AddHours(i), $"u{i}@contoso.com", appId: "crm", clientAppId: "crm"));
        var crmLater = Enumerable.Range(0, 20).Select(i => MailAccess(T0.AddDays(3).AddHours(i), $"u{i}@contoso.com", appId: "crm", clientAppId: "crm"));
        var attacker = Enumerable.Range(0, 6).Select(i => MailAccess(T0.AddDays(3).AddHours(i), $"vip{i}@contoso.com", appId: Attacker, clientAppId: Attacker));
        var alerts = CollectingSink.Run(new AppReadingManyMailboxesDetection(), [.. learning, .. crmLater, .. attacker]);
        var a = Assert.Single(alerts);
        Assert.Equal(5, a.Evidence.Count);
        Assert.Contains(Attacker, a.Entities.Apps);
    }

    [Fact]
    public void Vip_mailbox_read_by_a_new_reader_raises_and_the_owner_or_an_established_delegate_does_not()
    {
        var options = new VipMailboxAccessDetectionOptions { VipMailboxes = ["jane.doe@contoso.com"] };
        var assistant = MailAccess(T0, "jane.doe@contoso.com", appId: "d3590ed6-52b3-4102-aeff-aad2292ab01c", byUpn: "assistant@contoso.com", client: "Client=MSExchangeRPC");
        var owner = MailAccess(T0.AddDays(3), "jane.doe@contoso.com", appId: "d3590ed6-52b3-4102-aeff-aad2292ab01c", byUpn: "jane.doe@contoso.com");
        var assistantLater = MailAccess(T0.AddDays(3), "jane.doe@contoso.com", appId: "d3590ed6-52b3-4102-aeff-aad2292ab01c", byUpn: "assistant@contoso.com");
        var app = MailAccess(T0.AddDays(3), "jane.doe@contoso.com", appId: Attacker, clientAppId: Attacker);
        var byHint = MailAccess(T0.AddDays(3), "cfo.office@contoso.com", appId: Attacker, clientAppId: Attacker);
        var notVip = MailAccess(T0.AddDays(3), "sam@contoso.com", appId: Attacker, clientAppId: Attacker);
        var alerts = CollectingSink.Run(new VipMailboxAccessDetection(options), [assistant, owner, assistantLater, app, byHint, notVip]);
        Assert.Equal([app.RecordId, byHint.RecordId], alerts.Select(a => a.Evidence.Single()).ToArray());
    }

    [Fact]
    public void External_forwarding_raises_with_the_preceding_sign_in_and_internal_forwarding_does_not()
    {
        var signIn = SignIn(T0, "sofia@contoso.com", "203.0.113.30", mfa: true);
        var rule = Cmdlet(T0.AddMinutes(4), "New-InboxRule", "sofia@contoso.com", "203.0.113.30", ("Name", "."), ("ForwardTo", "ap.remit@proton.me"));
        var mailbox = Cmdlet(T0.AddMinutes(7), "Set-Mailbox", "sofia@contoso.com", "203.0.113.30", ("ForwardingSmtpAddress", "smtp:ap.remit@proton.me"));
        var colleague = Cmdlet(T0.AddMinutes(9), "Set-Mailbox", "tom@contoso.com", "198.51.100.1", ("ForwardingSmtpAddress", "smtp:sofia@contoso.com"));
        var alerts = CollectingSink.Run(new MailForwardingDetection(), [signIn, rule, mailbox, colleague]);
        Assert.Equal(2, alerts.Count);
        Assert.All(alerts, a => Assert.Contains("T1114.003", a.Techniques));
        Assert.Equal([signIn.RecordId, rule.RecordId], alerts[0].Evidence);
    }

    [Fact]
    public void The_tenants_domains_are_learned_from_sign_ins_whatever_their_case()
    {
        var signIn = SignIn(T0, "Tom@Fabrikam.EXAMPLE", "198.51.100.1", mfa: true);
        var toColleague = Cmdlet(T0.AddMinutes(5), "Set-Mailbox", "tom@fabrikam.example", "198.51.100.1", ("ForwardingSmtpAddress", "smtp:ann@fabrikam.example"));
        var toSubdomain = Cmdlet(T0.AddMinutes(6), "Set-Mailbox", "tom@fabrikam.example", "198.51.100.1", ("ForwardingSmtpAddress", "smtp:ann@eu.FABRIKAM.example"));
        var outside = Cmdlet(T0.AddMinutes(7), "Set-Mailbox", "tom@fabrikam.example", "198.51.100.1", ("ForwardingSmtpAddress", "smtp:ann@fabrikam.example.net"));
        var alerts = CollectingSink.Run(new MailForwardingDetection(), [signIn, toColleague, toSubdomain, outside]);
        Assert.Equal([signIn.RecordId, outside.RecordId], Assert.Single(alerts).Evidence);
    }

    [Fact]
    public void Options_are_validated_when_the_detection_is_built()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PasswordSprayDetection(new PasswordSprayDetectionOptions { TargetMinDistinctIps = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MfaFatigueDetection(new MfaFatigueDetectionOptions { Window = TimeSpan.Zero }));
        Assert.Throws<FileNotFoundException>(() => new VipMailboxAccessDetection(new VipMailboxAccessDetectionOptions { VipFile = "/nonexistent/vips.txt" }));
    }
}
