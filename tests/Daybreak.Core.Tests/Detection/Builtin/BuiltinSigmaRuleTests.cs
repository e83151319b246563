using Daybreak.Detection;
using Daybreak.Detection.Builtin;
using Daybreak.Detection.Sigma;
using Daybreak.Events;
using static Daybreak.Tests.Detection.Builtin.Some;

namespace Daybreak.Tests.Detection.Builtin;

/// <summary>Each YAML rule under rules/ against one event that must match and one look-alike that must not.</summary>
public sealed class BuiltinSigmaRuleTests
{
    private static readonly string RulesDir = Path.Combine(Corpus.RepoRoot, "rules");

    private static List<Alert> Run(params AuditEvent[] events) => CollectingSink.Run(BuiltinDetections.CreateSigma(RulesDir), events);

    private static Target AppRole(string id, string value) => Target("ServicePrincipal", "exo-sp", "Office 365 Exchange Online",
        ("AppRole.Id", null, $"\"{id}\""), ("AppRole.Value", null, $"\"{value}\""), ("ServicePrincipal.ObjectID", null, "\"dd4b92ba-eb40-4bd7-b506-eb57aec520ca\""),
        ("ServicePrincipal.AppId", null, "\"11111111-2222-3333-4444-555555555555\""));

    [Fact]
    public void Every_rule_loads()
    {
        var sigma = (SigmaDetection)((TargetEnrichedDetection)BuiltinDetections.CreateSigma(RulesDir)).Inner;
        Assert.Empty(sigma.Engine.Report.Errors);
        Assert.Equal(9, sigma.Engine.Report.Loaded);
        Assert.All(sigma.Engine.Rules, r => Assert.NotEmpty(r.Techniques));
    }

    [Fact]
    public void Create_returns_the_csharp_detections_and_the_rules()
    {
        var all = BuiltinDetections.Create(null, RulesDir);
        Assert.Equal(11, all.Count);
        Assert.Contains(all, d => d.Name == BuiltinDetections.SigmaName);
        Assert.Equal(10, BuiltinDetections.Create(new BuiltinOptions { Disabled = ["password-spray"] }, RulesDir).Count);
    }

    [Fact]
    public void Full_access_as_app_granted_by_an_app_is_critical_and_names_the_grantee()
    {
        var evt = Audit(T0, "Add app role assignment to service principal", byApp: "legacy-app", targets: AppRole("dc890d15-9560-4a4c-9b7f-a736ec74ec40", "full_access_as_app"));
        var a = Assert.Single(Run(evt));
        Assert.Equal(Severity.Critical, a.Severity);
        Assert.Contains("T1098.003", a.Techniques);
        Assert.Contains("dd4b92ba-eb40-4bd7-b506-eb57aec520ca", a.Entities.ServicePrincipals);
        Assert.Contains("11111111-2222-3333-4444-555555555555", a.Entities.Apps);
    }

    [Fact]
    public void Mail_read_granted_by_a_user_is_medium_and_a_harmless_role_is_silent()
    {
        var mail = Audit(T0, "Add app role assignment to service principal", byUpn: "admin@contoso.com", targets: AppRole("810c84a8-4a9e-49e6-bf7d-12d183f40d01", "Mail.Read"));
        Assert.Equal(Severity.Medium, Assert.Single(Run(mail)).Severity);
        var harmless = Audit(T0, "Add app role assignment to service principal", byApp: "legacy-app", targets: AppRole("df021288-bdef-4463-88db-98f22de89214", "User.Read.All"));
        Assert.Empty(Run(harmless));
    }

    [Fact]
    public void App_created_by_an_app_raises_and_by_a_developer_does_not()
    {
        Assert.Single(Run(Audit(T0, "Add application", byApp: "legacy-app", targets: Target("Application", "obj-9", "Outlook Sync Service"))));
        Assert.Empty(Run(Audit(T0, "Add application", byUpn: "dev@contoso.com", targets: Target("Application", "obj-8", "dev-app"))));
    }

    [Fact]
    public void Consent_to_mail_read_raises_and_consent_to_user_read_does_not()
    {
        Target Consent(string scope) => Target("ServicePrincipal", "sp-1", "Viewer",
            ("ConsentAction.Permissions", null, $"\"[[Id: x, ConsentType: Principal, Scope:  {scope}, CreatedDateTime: ]]; \""));
        var a = Assert.Single(Run(Audit(T0, "Consent to application", byUpn: "u@contoso.com", targets: Consent("Mail.Read offline_access User.Read"))));
        Assert.Contains("T1528", a.Techniques);
        Assert.Empty(Run(Audit(T0, "Consent to application", byUpn: "u@contoso.com", targets: Consent("User.Read openid profile email"))));
    }

    [Fact]
    public void Global_admin_granted_by_an_app_raises_and_by_an_admin_does_not()
    {
        Target Role() => Target("User", "u-new", "svc@contoso.com", ("Role.TemplateId", null, "\"62e90394-69f5-4237-9190-012177145e10\""), ("Role.DisplayName", null, "\"Global Administrator\""));
        Assert.Single(Run(Audit(T0, "Add member to role", byApp: "legacy-app", targets: Role())));
        Assert.Empty(Run(Audit(T0, "Add member to role", byUpn: "admin@contoso.com", targets: Role())));
    }

    [Fact]
    public void Application_impersonation_and_full_access_raise_and_read_permission_does_not()
    {
        Assert.Single(Run(Cmdlet(T0, "New-ManagementRoleAssignment", "admin@contoso.com", "198.51.100.1", ("Role", "ApplicationImpersonation"), ("User", "svc@contoso.com"))));
        Assert.Single(Run(Cmdlet(T0, "Add-MailboxPermission", "admin@contoso.com", "198.51.100.1", ("Identity", "ceo@contoso.com"), ("AccessRights", "FullAccess"))));
        Assert.Empty(Run(Cmdlet(T0, "Add-MailboxPermission", "admin@contoso.com", "198.51.100.1", ("Identity", "ceo@contoso.com"), ("AccessRights", "ReadPermission"))));
        Assert.Empty(Run(Cmdlet(T0, "New-ManagementRoleAssignment", "admin@contoso.com", "198.51.100.1", ("Role", "Mail Recipients"))));
    }

    [Fact]
    public void Throttled_mail_access_raises_and_unthrottled_does_not()
    {
        var a = Assert.Single(Run(MailAccess(T0, "ceo@contoso.com", appId: "x", clientAppId: "x", throttled: true)));
        Assert.Contains("ceo@contoso.com", a.Entities.Mailboxes);
        Assert.Empty(Run(MailAccess(T0, "ceo@contoso.com", appId: "x", clientAppId: "x")));
    }

    [Fact]
    public void Inbox_rule_that_hides_mail_raises_and_a_filing_rule_does_not()
    {
        var a = Assert.Single(Run(Cmdlet(T0, "New-InboxRule", "v@contoso.com", "203.0.113.4", ("Name", ".."), ("MoveToFolder", "RSS Subscriptions"), ("MarkAsRead", "True"))));
        Assert.Contains("T1564.008", a.Techniques);
        Assert.Single(Run(Cmdlet(T0, "New-InboxRule", "v@contoso.com", "203.0.113.4", ("Name", "."), ("DeleteMessage", "True"))));
        Assert.Empty(Run(Cmdlet(T0, "New-InboxRule", "v@contoso.com", "198.51.100.1", ("Name", "Newsletters"), ("MoveToFolder", "Newsletters"))));
    }
}
