using Daybreak.Events;

namespace Daybreak.Tests.Decoders.Ual;

/// <summary>Every UAL record of the shared corpus decodes; golden values from the records Daybreak's case rests on.</summary>
public sealed class UalCorpusConformanceTests
{
    private const string ElasticAudit = "elastic-integrations/packages/o365/data_stream/audit/_dev/test/pipeline";
    private const string Otrf = "otrf-security-datasets/datasets/compound/GoldenSAMLADFSMailAccess";
    private const string InboxRuleCsv = "azure-sentinel/Solutions/Training/Azure-Sentinel-Training-Lab/Artifacts/Telemetry/office_activity_inbox_rule.csv";

    // The Elastic files whose event.original is deliberately malformed (test-parameter-string.json) also carry the
    // same record parsed as o365audit, which the unwrapper prefers: so no Elastic record is expected to be rejected.
    [SkippableFact]
    public void Every_elastic_o365_record_decodes()
    {
        var folder = Corpus.RequireCorpus(ElasticAudit);
        var files = Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories).Order().ToList();
        Assert.Equal(5, files.Count);
        var total = 0;
        foreach (var file in files)
        {
            var result = UalDecode.File(file);
            Assert.True(result.Rejections.Count == 0, UalDecode.Describe(result.Rejections));
            Assert.All(result.Events, e => Assert.Equal("ual.elastic", e.Format));
            total += result.Events.Count;
        }
        Assert.Equal(3 + 9 + 2 + 2 + 1, total);
    }

    [SkippableFact]
    public void Elastic_MailItemsAccessed_yields_its_exact_items()
    {
        var result = UalDecode.File(Corpus.RequireCorpus(ElasticAudit + "/test-exchange-access-event.json"));
        var mia = Assert.Single(result.Events, e => e.Operation == "MailItemsAccessed");
        Assert.Equal("ual:aaaaaaaa-bbbb-cccc-dddd-123456789012", mia.RecordId);
        Assert.Equal(new DateTime(2025, 9, 26, 22, 32, 29, DateTimeKind.Utc), mia.Time);
        Assert.Equal(DateTimeKind.Utc, mia.Time.Kind);
        var mail = Assert.IsType<MailAccess>(mia.Mail);
        Assert.Equal("Bind", mail.AccessType);
        Assert.Null(mail.IsThrottled);
        Assert.Equal(6, mail.OperationCount);
        Assert.Equal("user@example.com", mail.MailboxOwnerUpn);
        Assert.Equal("eeeeeeee-aaaa-1234-bbbb-123456789012", mail.MailboxGuid);
        Assert.Equal("7777777-6666-aaaa-bbbb-123456789012", mail.ClientAppId);
        var folder = Assert.Single(mail.Folders);
        Assert.Equal(@"\Sent Items", folder.Path);
        Assert.Equal(
        [
            "<AB8MB22NO1234B96EBDB1C9B62A14E87BF81EA@AB8MB22NO1234.example.prod.outlook.com>",
            "<AB8MB22NO1234C2957E5993EAE894231DF81EA@AB8MB22NO1234.example.prod.outlook.com>",
            "<AB8MB22NO12346CDAEEC30EA046BA8889F81EA@AB8MB22NO1234.example.prod.outlook.com>",
            "<AB8MB22NO1234E0BC03744995AEC2846AF81EA@AB8MB22NO1234.example.prod.outlook.com>",
            "<AB8MB22NO1234697472783E755F9443FDF81EA@AB8MB22NO1234.example.prod.outlook.com>",
            "<AB8MB22NO123435F4356354AF23984AA5F81CA@AB8MB22NO1234.example.prod.outlook.com>",
        ], folder.Items.Select(i => i.InternetMessageId));
        Assert.Equal(1352491, folder.Items[^1].SizeInBytes);
        Assert.Equal("CCCCCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDDDDDEEEEEEEEEEEAAAgO3wRAAAJ", folder.Items[0].ImmutableId);
        Assert.Equal("203.0.113.145", mia.Network.Ip);
        Assert.Equal("WebServices", mia.Network.ClientApp);
        Assert.Equal("ZZZZZZZZZZKKKKKKKKKKAA", mia.Auth.UniqueTokenId);
        Assert.Equal("dddddddd-aaaa-eeee-dddd-123456789012", mia.Auth.SessionId);
        Assert.Equal("user@example.com", mia.Actor.Upn);
        Assert.Equal(OutcomeStatus.Success, mia.Outcome.Status);
        Assert.Equal("33333333-bbbb-cccc-dddd-123456789012", mia.TenantId);
        Assert.Equal("Exchange", mia.Category);
    }

    [SkippableFact]
    public void Elastic_type_drift_records_normalise()
    {
        var strings = UalDecode.File(Corpus.RequireCorpus(ElasticAudit + "/test-parameter-string.json")).Events;
        var setMailbox = Assert.Single(strings, e => e.Operation == "Set-Mailbox");
        Assert.Equal(ActorKind.System, setMailbox.Actor.Kind);
        Assert.Equal(OutcomeStatus.Success, setMailbox.Outcome.Status);
        var target = Assert.Single(setMailbox.Targets);
        Assert.Contains(target.ModifiedProperties, p => p.Name == "PageSize" && p.NewValue == "100");
        Assert.Contains(target.ModifiedProperties, p => p.Name == "StartReceivedDate" && p.NewValue == "4/25/2021 7:00:00 AM");
        var login = Assert.Single(strings, e => e.Operation == "UserLoggedIn");
        Assert.Equal("67.43.156.13", login.Network.Ip);
        Assert.Equal("root@testsiem4.onmicrosoft.com", login.Actor.Upn);
        Assert.Equal("21119711-1517-43d4-8138-b537dafad016", login.Actor.ObjectId);

        var update = Assert.Single(UalDecode.File(Corpus.RequireCorpus(ElasticAudit + "/test-modified-properites.json")).Events);
        Assert.Equal("2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6", update.Network.Ip);
        var item = Assert.Single(Assert.Single(update.Mail!.Folders).Items);
        Assert.Equal(75096, item.SizeInBytes);
        Assert.Contains(update.Targets, t => t.ModifiedProperties.Any(p => p.Name == "HtmlBody"));
    }

    [SkippableFact]
    public void Sentinel_New_InboxRule_csv_rows_yield_parameters_and_utc_time()
    {
        var result = UalDecode.File(Corpus.RequireCorpus(InboxRuleCsv));
        Assert.True(result.Rejections.Count == 0, UalDecode.Describe(result.Rejections));
        Assert.Equal(2, result.Events.Count);
        var rule2 = result.Events[0];
        Assert.Equal("ual.loganalytics", rule2.Format);
        Assert.Equal("New-InboxRule", rule2.Operation);
        Assert.Equal(new DateTime(2021, 4, 26, 7, 17, 10, DateTimeKind.Utc), rule2.Time);
        Assert.Equal("ual:d28096ba-03b1-4c2a-1503-08d908826606", rule2.RecordId);
        Assert.Equal("2a01:110:8068:7:9bf8:aa87:e00a:5f1f", rule2.Network.Ip);
        Assert.Equal("adelev@contoso.onmicrosoft.com", rule2.Actor.Upn);
        Assert.Equal("2ad3fc79-1859-42fa-9011-6f8df2251b22", rule2.TenantId);
        Assert.Equal("Exchange", rule2.Category);
        Assert.Equal(OutcomeStatus.Success, rule2.Outcome.Status);
        var target = Assert.Single(rule2.Targets);
        Assert.EndsWith(@"AdeleV\rule2", target.Id);
        Assert.Equal(
            [("AlwaysDeleteOutlookRulesBlob", "False"), ("Force", "False"), ("MoveToFolder", "Junk Email"), ("Name", "rule2"), ("SubjectContainsWords", "do not open"), ("StopProcessingRules", "True")],
            target.ModifiedProperties.Select(p => (p.Name, p.NewValue)));

        var rule1 = result.Events[1];
        Assert.Equal(new DateTime(2021, 4, 26, 6, 37, 32, DateTimeKind.Utc), rule1.Time);
        Assert.Contains(rule1.Targets[0].ModifiedProperties, p => p is { Name: "DeleteMessage", NewValue: "True" });
        Assert.Contains(rule1.Targets[0].ModifiedProperties, p => p is { Name: "BodyContainsWords", NewValue: "covid-19" });
    }

    [SkippableFact]
    public void Otrf_OfficeActivity_MailItemsAccessed_yields_seven_inbox_items()
    {
        var result = UalDecode.File(Corpus.RequireCorpus(Otrf + "/OfficeActivityEvents.json"));
        Assert.True(result.Rejections.Count == 0, UalDecode.Describe(result.Rejections));
        var evt = Assert.Single(result.Events);
        Assert.Equal("ual.loganalytics", evt.Format);
        var mail = evt.Mail!;
        var folder = Assert.Single(mail.Folders);
        Assert.Equal(@"\Inbox", folder.Path);
        Assert.Equal(7, folder.Items.Count);
        Assert.All(folder.Items, i => Assert.StartsWith("<", i.InternetMessageId));
        Assert.Equal("<AB1CD23EF4567DAC24353B8AD047DDEB0B1EB9@AB1CD23EF4567.abcdef12.prod.outlook.com>", folder.Items[1].InternetMessageId);
        Assert.Equal("00000003-0000-0000-c000-000000000000", mail.AppId);
        Assert.Equal("5a95e683-08ad-424e-a441-1d1aec52c02c", mail.ClientAppId);
        Assert.Equal("Bind", mail.AccessType);
        Assert.False(mail.IsThrottled);
        Assert.Equal("1.2.3.4", evt.Network.Ip);
        Assert.Equal(new DateTime(2021, 8, 2, 13, 32, 7, DateTimeKind.Utc), evt.Time);
    }

    [SkippableFact]
    public void Otrf_Defender_rows_CloudAppEvents_decode_and_device_events_are_unknown()
    {
        var result = UalDecode.File(Corpus.RequireCorpus(Otrf + "/Microsoft365DefenderEvents.json"));
        Assert.Equal(2, result.Events.Count);
        Assert.All(result.Events, e => Assert.Equal("ual.cloudappevents", e.Format));
        // Out of scope: 5 DeviceEvents (LdapSearch) and 2 IdentityDirectoryEvents (Directory Services replication).
        Assert.Equal(7, result.Rejections.Count);
        Assert.All(result.Rejections, r => Assert.StartsWith("unknown record type", r.Reason));

        var grant = Assert.Single(result.Events, e => e.Operation == "Add delegated permission grant.");
        Assert.Equal("ual:e417c1fd-ae0b-4efa-891b-bb6b0ea7d35e", grant.RecordId);
        Assert.Equal("pgustavo@simulandlabs.com", grant.Actor.Upn);
        var target = Assert.Single(grant.Targets);
        Assert.Equal("Microsoft Graph", target.Name);
        Assert.Equal("User.Read Mail.ReadWrite", Assert.Single(target.ModifiedProperties).NewValue);
    }

    [SkippableFact]
    public void OfficeActivity_and_CloudAppEvents_copies_of_one_record_agree()
    {
        var office = Assert.Single(UalDecode.File(Corpus.RequireCorpus(Otrf + "/OfficeActivityEvents.json")).Events);
        var defender = Assert.Single(UalDecode.File(Corpus.RequireCorpus(Otrf + "/Microsoft365DefenderEvents.json")).Events,
            e => e.Operation == "MailItemsAccessed");
        Assert.Equal("ual:699e0b10-1c53-403e-976f-ce0847a92b44", office.RecordId);
        Assert.Equal(office.RecordId, defender.RecordId);
        Assert.Equal(office.Time, defender.Time);
        Assert.Equal(office.Operation, defender.Operation);
        Assert.Equal(office.Mail!.MailboxOwnerUpn, defender.Mail!.MailboxOwnerUpn);
        Assert.Equal(office.Mail.ClientAppId, defender.Mail.ClientAppId);
        Assert.Equal(office.Mail.AppId, defender.Mail.AppId);
        Assert.Equal(office.Mail.AccessType, defender.Mail.AccessType);
        Assert.Equal(office.Mail.IsThrottled, defender.Mail.IsThrottled);
        Assert.Equal(office.Network.Ip, defender.Network.Ip);
        Assert.Equal(office.TenantId, defender.TenantId);
        // The Defender copy is PowerShell-stringified: the folder survives, its items do not.
        var folder = Assert.Single(defender.Mail.Folders);
        Assert.Equal(@"\Inbox", folder.Path);
        Assert.Equal("LgAAAAAM7KyTTmWeRac2KXBEz/7aAQARGHK+grzLTpRJraC1QR6kAAAAAAEMAAAB", folder.Id);
        Assert.Empty(folder.Items);
        Assert.Equal(7, defender.Mail.OperationCount);
    }
}
