using Daybreak.Events;

namespace Daybreak.Tests.Decoders.Ual;

/// <summary>
/// The project's own UAL fixtures (tests/fixtures/ual, written by generate.py from Microsoft's documented schemas):
/// one record seen through every export must normalise to the same event.
/// </summary>
public sealed class UalFixtureTests
{
    private const string MiaId = "ual:5d2f8a61-0c3e-4d7e-9a1b-2f4c6e8a0b11";
    private static readonly DateTime MiaTime = new(2024, 1, 12, 3, 4, 5, DateTimeKind.Utc);

    public static TheoryData<string, string, int> Variants => new()
    {
        { "mgmt-api-array.json", "ual.api", 6 },
        { "purview-audit-search.csv", "ual.purview-csv", 2 },
        { "search-unifiedauditlog-utf16.csv", "ual.search-csv", 2 },
        { "search-unifiedauditlog-utf8bom.csv", "ual.search-csv", 2 },
        { "officeactivity-loganalytics.json", "ual.loganalytics", 2 },
        { "officeactivity-loganalytics.json.gz", "ual.loganalytics", 2 },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_variant_yields_the_same_MailItemsAccessed(string file, string format, int count)
    {
        var result = UalDecode.File(UalDecode.Fixture(file));
        Assert.True(result.Rejections.Count == 0, UalDecode.Describe(result.Rejections));
        Assert.Equal(count, result.Events.Count);
        Assert.All(result.Events, e => Assert.Equal(format, e.Format));
        Assert.All(result.Events, e => Assert.Equal(SourceKind.Ual, e.Source));

        var mia = Assert.Single(result.Events, e => e.Operation == "MailItemsAccessed");
        Assert.Equal(MiaId, mia.RecordId);
        Assert.Equal(MiaTime, mia.Time);
        Assert.Equal(DateTimeKind.Utc, mia.Time.Kind);
        Assert.Equal("7a1b2c3d-1111-2222-3333-444455556666", mia.TenantId);
        Assert.Equal("Exchange", mia.Category);
        Assert.Equal(OutcomeStatus.Success, mia.Outcome.Status);
        Assert.Equal(ActorKind.App, mia.Actor.Kind);
        Assert.Equal("c1a5e2d7-9f3b-4e61-8a2d-0b7c6e5f4a31", mia.Actor.AppId);
        Assert.Equal("2001:db8:5::17", mia.Network.Ip);

        var mail = mia.Mail!;
        Assert.Equal("ceo@contoso.example", mail.MailboxOwnerUpn);
        Assert.Equal("0b9e1f2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b", mail.MailboxGuid);
        Assert.Equal("Sync", mail.AccessType);
        Assert.True(mail.IsThrottled);
        // The OfficeActivity table has no OperationCount column (see the Sentinel CSV header): it is lost there.
        Assert.Equal(format == "ual.loganalytics" ? null : 3, mail.OperationCount);
        Assert.Equal("Client=WebServices;ExchangeWebServices", mail.ClientInfoString);
        Assert.Equal("00000002-0000-0ff1-ce00-000000000000", mail.AppId);
        Assert.Equal("c1a5e2d7-9f3b-4e61-8a2d-0b7c6e5f4a31", mail.ClientAppId);
        Assert.Equal([@"\Inbox", @"\Legal\Board"], mail.Folders.Select(f => f.Path));
        Assert.Equal(["<m1@contoso.example>", "<m2@contoso.example>"], mail.Folders[0].Items.Select(i => i.InternetMessageId));
        Assert.Equal([48211L, 1024L], mail.Folders[0].Items.Select(i => i.SizeInBytes!.Value));
        Assert.Equal("LgAAAAB1-i1", mail.Folders[0].Items[0].ImmutableId);
        Assert.Equal("<m3@contoso.example>", Assert.Single(mail.Folders[1].Items).InternetMessageId);
    }

    [Theory]
    [InlineData("mgmt-api-array.json")]
    [InlineData("purview-audit-search.csv")]
    [InlineData("officeactivity-loganalytics.json.gz")]
    public void New_InboxRule_keeps_its_parameters(string file)
    {
        var rule = Assert.Single(UalDecode.File(UalDecode.Fixture(file)).Events, e => e.Operation == "New-InboxRule");
        Assert.Equal(new DateTime(2024, 1, 12, 4, 10, 0, DateTimeKind.Utc), rule.Time);
        Assert.Equal("198.51.100.23", rule.Network.Ip);
        Assert.Equal("attacker@contoso.example", rule.Actor.Upn);
        Assert.Equal(ActorKind.User, rule.Actor.Kind);
        Assert.Equal(OutcomeStatus.Success, rule.Outcome.Status);
        var target = Assert.Single(rule.Targets);
        Assert.Equal(@"contoso.onmicrosoft.com/Users/ceo\.", target.Id);
        Assert.Equal([("Name", "."), ("ForwardTo", "drop@evil.example"), ("DeleteMessage", "True"), ("MarkAsRead", "True")],
            target.ModifiedProperties.Select(p => (p.Name, p.NewValue)));
    }

    [Fact]
    public void Exchange_admin_cmdlets_expose_forwarding_permissions_and_roles()
    {
        var events = UalDecode.File(UalDecode.Fixture("mgmt-api-array.json")).Events;
        string? Param(string operation, string name) =>
            events.Single(e => e.Operation == operation).Targets.SelectMany(t => t.ModifiedProperties).Single(p => p.Name == name).NewValue;
        Assert.Equal("smtp:drop@evil.example", Param("Set-Mailbox", "ForwardingSmtpAddress"));
        Assert.Equal("FullAccess", Param("Add-MailboxPermission", "AccessRights"));
        Assert.Equal("attacker@contoso.example", Param("Add-MailboxPermission", "User"));
        Assert.Equal("ApplicationImpersonation", Param("New-ManagementRoleAssignment", "Role"));
        Assert.Equal("2001:db8::23", events.Single(e => e.Operation == "New-ManagementRoleAssignment").Network.Ip);
        Assert.Null(events.Single(e => e.Operation == "Set-Mailbox").Mail);
    }

    [Fact]
    public void Azure_AD_record_via_UAL_maps_actor_target_and_credential()
    {
        var evt = Assert.Single(UalDecode.File(UalDecode.Fixture("mgmt-api-array.json")).Events, e => e.Operation == "Add service principal credentials.");
        Assert.Equal("AzureActiveDirectory", evt.Category);
        Assert.Equal(OutcomeStatus.Success, evt.Outcome.Status);
        Assert.Equal(ActorKind.User, evt.Actor.Kind);
        Assert.Equal("legacy.admin@contoso.example", evt.Actor.Upn);
        Assert.Equal("6f1d2c3b-4a59-4e87-b6c5-d4e3f2a1b0c9", evt.Actor.ObjectId);
        Assert.Equal("203.0.113.7", evt.Network.Ip);
        Assert.Equal("3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f", evt.Auth.CorrelationId);
        Assert.Equal("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", evt.Auth.CredentialKeyId);
        var target = Assert.Single(evt.Targets);
        Assert.Equal("ServicePrincipal", target.Kind);
        Assert.Equal("9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d", target.Id);
        Assert.Equal("Legacy Test App", target.Name);
        var key = Assert.Single(target.ModifiedProperties, p => p.Name == "KeyDescription");
        Assert.Equal("[]", key.OldValue);
        Assert.Contains("KeyType=Password", key.NewValue);
    }

    [Fact]
    public void Ndjson_item_operations_carry_their_items()
    {
        var result = UalDecode.File(UalDecode.Fixture("mgmt-api.ndjson"));
        Assert.True(result.Rejections.Count == 0, UalDecode.Describe(result.Rejections));
        Assert.Equal(3, result.Events.Count);

        var delete = result.Events[0];
        Assert.Equal("HardDelete", delete.Operation);
        Assert.Equal("b3c4d5e6-f7a8-49b0-8c1d-2e3f4a5b6c7d", delete.Auth.SessionId);
        Assert.Equal("OWA", delete.Network.ClientApp);
        var inbox = Assert.Single(delete.Mail!.Folders);
        Assert.Equal(["<security-alert@contoso.example>", "<rule-notice@contoso.example>"], inbox.Items.Select(i => i.InternetMessageId));
        Assert.Equal(ActorKind.User, delete.Actor.Kind);

        var send = result.Events[1];
        var sent = Assert.Single(send.Mail!.Folders);
        Assert.Equal(@"\Sent Items", sent.Path);
        Assert.Equal(new MailItem("<wire-transfer@contoso.example>", 5120, null), Assert.Single(sent.Items));

        var rules = result.Events[2];
        Assert.Equal("198.51.100.23", rules.Network.Ip);
        var ruleTarget = Assert.Single(rules.Targets, t => t.Kind == "Other");
        Assert.Contains(ruleTarget.ModifiedProperties, p => p is { Name: "RuleOperation", NewValue: "AddMailboxRule" });
        Assert.Contains(rules.Targets, t => t.Kind == "Mailbox" && t.Name == "ceo@contoso.example");
    }

    [Fact]
    public void Wrong_value_types_reject_only_their_record()
    {
        var result = UalDecode.File(UalDecode.Fixture("wrong-types.ndjson"));
        Assert.Equal("Send", Assert.Single(result.Events).Operation);
        Assert.Equal(2, result.Rejections.Count);
        Assert.Equal(1, result.Rejections[0].Line);
        Assert.Equal("Folders is a Number, expected an array", result.Rejections[0].Reason);
        Assert.Equal(2, result.Rejections[1].Line);
        Assert.Equal("CreationTime is a Object, expected a date string", result.Rejections[1].Reason);
    }
}
