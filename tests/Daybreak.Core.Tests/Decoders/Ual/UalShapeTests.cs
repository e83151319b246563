using System.Globalization;
using Daybreak.Events;

namespace Daybreak.Tests.Decoders.Ual;

/// <summary>Inline records for the shapes collectors produce: stringified PowerShell, Extractor-Suite output, cultures.</summary>
public sealed class UalShapeTests
{
    [Fact]
    public void Defender_copy_with_stringified_parameters_keeps_them()
    {
        const string row = """
            {"Timestamp":"2024-01-12T04:10:00Z","ActionType":"New-InboxRule","Application":"Microsoft Exchange Online","ActivityType":"Create","ReportId":"1_20893_e0a1b2c3-d4e5-46f7-8091-a2b3c4d5e6f7",
             "RawEventData":{"CreationTime":"2024-01-12T04:10:00","Id":"e0a1b2c3-d4e5-46f7-8091-a2b3c4d5e6f7","Operation":"New-InboxRule","RecordType":1,"Workload":"Exchange","ResultStatus":"True",
               "UserId":"attacker@contoso.example","ObjectId":"ceo\\.","Parameters":["@{Name=ForwardTo; Value=drop@evil.example}","@{Value=True; Name=DeleteMessage}"]}}
            """;
        var result = UalDecode.Text(row.ReplaceLineEndings(" "));
        Assert.True(result.Rejections.Count == 0, UalDecode.Describe(result.Rejections));
        var evt = Assert.Single(result.Events);
        Assert.Equal("ual.cloudappevents", evt.Format);
        Assert.Equal("ual:e0a1b2c3-d4e5-46f7-8091-a2b3c4d5e6f7", evt.RecordId);
        Assert.Equal([("ForwardTo", "drop@evil.example"), ("DeleteMessage", "True")],
            Assert.Single(evt.Targets).ModifiedProperties.Select(p => (p.Name, p.NewValue)));
    }

    [Fact]
    public void Extractor_suite_utf16_json_lines_decode_as_api_records()
    {
        var result = UalDecode.File(UalDecode.Fixture("extractor-suite-ual.json"));
        Assert.True(result.Rejections.Count == 0, UalDecode.Describe(result.Rejections));
        Assert.Equal(["MailItemsAccessed", "HardDelete", "New-ManagementRoleAssignment"], result.Events.Select(e => e.Operation));
        Assert.All(result.Events, e => Assert.Equal("ual.api", e.Format));
        Assert.Equal("ual:5d2f8a61-0c3e-4d7e-9a1b-2f4c6e8a0b11", result.Events[0].RecordId);
    }

    [Theory]
    [InlineData("fa-IR")]
    [InlineData("de-DE")]
    public void Parsing_is_culture_invariant(string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            var events = UalDecode.File(UalDecode.Fixture("search-unifiedauditlog-utf16.csv")).Events;
            var mia = Assert.Single(events, e => e.Operation == "MailItemsAccessed");
            Assert.Equal(new DateTime(2024, 1, 12, 3, 4, 5, DateTimeKind.Utc), mia.Time);
            Assert.Equal(1024L, mia.Mail!.Folders[0].Items[1].SizeInBytes);
            Assert.Equal(3, mia.Mail.OperationCount);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Folders_as_malformed_text_rejects_with_the_field_named()
    {
        var result = UalDecode.Text("""{"CreationTime":"2024-01-12T03:04:05","Id":"x1","Operation":"MailItemsAccessed","RecordType":50,"Workload":"Exchange","MailboxOwnerUPN":"a@b.c","Folders":"[{\"Path\":"}""");
        Assert.Empty(result.Events);
        Assert.StartsWith("Folders is text that is neither JSON nor a PowerShell rendering", Assert.Single(result.Rejections).Reason);
    }

    [Fact]
    public void Minimal_record_without_operation_is_accepted()
    {
        // Shape of Elastic's test-ip-formats-events.json: only ClientIP, CreationTime, Id and RecordType.
        var evt = Assert.Single(UalDecode.Text("""{"ClientIP":"[10.11.12.13]:12345","CreationTime":"2020-02-17T17:12:03","Id":"3be78a31-dbd3-4c2c-eaf9-08d7b3cc8226","RecordType":-1}""").Events);
        Assert.Equal("", evt.Operation);
        Assert.Equal("10.11.12.13", evt.Network.Ip);
        Assert.Equal("-1", evt.Category);
    }

    [Fact]
    public void Unknown_result_status_is_unknown_not_success()
    {
        var evt = Assert.Single(UalDecode.Text("""{"CreationTime":"2024-01-30T14:23:40","Id":"p1","Operation":"CreateArtifact","RecordType":20,"Workload":"PowerBI","ResultStatus":"InProgress","UserId":"u@x.pl","UserAgent":"Mozilla/5.0"}""").Events);
        Assert.Equal(OutcomeStatus.Unknown, evt.Outcome.Status);
        Assert.Equal("InProgress", evt.Outcome.Code);
        Assert.Equal("Mozilla/5.0", evt.Network.UserAgent);
        Assert.Null(evt.Mail);
    }
}
