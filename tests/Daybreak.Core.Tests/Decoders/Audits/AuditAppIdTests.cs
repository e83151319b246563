using Daybreak.Correlation;
using Daybreak.Detection.Builtin;
using Daybreak.Events;
using Daybreak.Tests.Decoders.Entra;
using Daybreak.Tests.Detection.Builtin;
using static Daybreak.Tests.Detection.Builtin.Some;

namespace Daybreak.Tests.Decoders.Audits;

/// <summary>Issue 4: the app id that directory audits carry in additionalDetails becomes the app target's
/// <see cref="Target.AppId"/> in every audit variant, so a key added to an application object joins its app.</summary>
public sealed class AuditAppIdTests
{
    private const string App = "6f1b4c2a-93d7-4e55-8a0c-2b7e9d1f3a44";
    private const string Exchange = "00000002-0000-0ff1-ce00-000000000000";

    private static string Graph(string operation, string targets, string details) =>
        $$$"""{"id":"Directory_x_{{{operation.Length}}}","category":"ApplicationManagement","activityDateTime":"2024-01-12T10:00:00Z","activityDisplayName":"{{{operation}}}","result":"success","initiatedBy":{"user":{"id":"u1","userPrincipalName":"legacy@contoso.com","ipAddress":"203.0.113.9"}},"targetResources":{{{targets}}},"additionalDetails":{{{details}}}}""";

    private static AuditEvent One(string json) => Assert.Single(Decoded.Text(json).Clean());

    [Fact]
    public void Key_added_to_an_application_object_gets_the_apps_id()
    {
        var evt = One(Graph("Update application – Certificates and secrets management ",
            """[{"id":"0b6e3a2f-0000-4000-8000-00000000a001","displayName":"Legacy","type":"Application","modifiedProperties":[{"displayName":"KeyDescription","oldValue":"[]","newValue":"[\"[KeyIdentifier=59eaeebc-8a6b-44a6-9f24-7d55e64420c9,KeyType=Password]\"]"}]}]""",
            $$"""[{"key":"User-Agent","value":"x"},{"key":"AppId","value":"{{App.ToUpperInvariant()}}"}]"""));
        Assert.Equal(App, Assert.Single(evt.Targets).AppId);
    }

    [Fact]
    public void Consent_names_the_consented_service_principals_app()
    {
        var evt = One(Graph("Consent to application",
            """[{"id":"sp-1","displayName":"Doc Viewer","type":"ServicePrincipal","modifiedProperties":[{"displayName":"ConsentContext.IsAdminConsent","oldValue":null,"newValue":"\"True\""}]}]""",
            $$"""[{"key":"AppId","value":"{{App}}"}]"""));
        Assert.Equal(App, Assert.Single(evt.Targets).AppId);
    }

    [Fact]
    public void In_a_grant_the_app_id_goes_to_the_client_not_to_the_resource()
    {
        var evt = One(Graph("Add app role assignment to service principal",
            $$"""[{"id":"exo-sp","displayName":"Office 365 Exchange Online","type":"ServicePrincipal","modifiedProperties":[{"displayName":"AppRole.Value","oldValue":null,"newValue":"\"full_access_as_app\""},{"displayName":"TargetId.ServicePrincipalNames","oldValue":null,"newValue":"\"{{Exchange}}\""}]},{"id":"client-sp","displayName":"Outlook Sync Service","type":"ServicePrincipal","modifiedProperties":[]}]""",
            $$"""[{"key":"AppId","value":"{{App}}"}]"""));
        Assert.Equal([null, App], evt.Targets.Select(t => t.AppId));
    }

    [Theory]
    [InlineData("not-a-guid<script>")]
    [InlineData("")]
    [InlineData("=cmd|' /C calc'!A0")]
    public void A_value_that_is_not_a_guid_is_no_app_id(string value)
    {
        var evt = One(Graph("Add service principal",
            """[{"id":"sp-1","displayName":"X","type":"ServicePrincipal","modifiedProperties":[]}]""",
            $$"""[{"key":"AppId","value":"{{value}}"}]"""));
        Assert.Null(Assert.Single(evt.Targets).AppId);
    }

    [Fact]
    public void No_app_target_no_app_id()
    {
        var evt = One(Graph("Add user",
            """[{"id":"u2","userPrincipalName":"svc@contoso.com","type":"User","modifiedProperties":[]}]""",
            $$"""[{"key":"AppId","value":"{{App}}"}]"""));
        Assert.Null(Assert.Single(evt.Targets).AppId);
    }

    [Fact]
    public void A_key_added_to_an_application_object_joins_its_apps_sign_ins_in_one_incident()
    {
        // The audit names only the application's object id; the sign-ins name only the app id.
        var add = Audit(T0, "Update application – Certificates and secrets management", byUpn: "legacy@test.com",
            targets: Target("Application", "app-object-1", "Legacy App", ("KeyDescription", "[]", "[\"[KeyIdentifier=k9]\"]")));
        add.Targets[0].AppId = App;
        add.Auth.CredentialKeyId = "k9";
        var alerts = CollectingSink.Run(new AppCredentialAddedDetection(), [add]);
        var alert = Assert.Single(alerts);
        Assert.Contains(App, alert.Entities.Apps);

        var created = CollectingSink.Run(new UserCreatedByAppDetection(), [Audit(T0.AddHours(3), "Add user", byApp: App, targets: Target("User", "u-9", "svc@contoso.com"))]);
        Assert.Single(created);
        Assert.Single(new EntityGraphCorrelator().Correlate([.. alerts, .. created]).Incidents);
    }
}
