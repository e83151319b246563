using Daybreak.Decoders;
using Daybreak.Events;

namespace Daybreak.Tests.Decoders.Entra;

/// <summary>Which normaliser claims which record: the Entra families must not claim each other's or UAL records.</summary>
public sealed class ClassificationTests
{
    private static readonly SourceKind[] EntraKinds = [SourceKind.SignIn, SourceKind.Audit, SourceKind.GraphActivity, SourceKind.Risk];

    [SkippableTheory]
    [InlineData("otrf-security-datasets/datasets/compound/GoldenSAMLADFSMailAccess/OfficeActivityEvents.json")]
    [InlineData("otrf-security-datasets/datasets/compound/GoldenSAMLADFSMailAccess/Microsoft365DefenderEvents.json")]
    [InlineData("azure-sentinel/Solutions/Training/Azure-Sentinel-Training-Lab/Artifacts/Telemetry/office_activity_inbox_rule.csv")]
    [InlineData("elastic-integrations/packages/o365/data_stream/audit/_dev/test/pipeline/test-exchange-access-event.json")]
    [InlineData("elastic-integrations/packages/o365/data_stream/audit/_dev/test/pipeline/test-exchange-item-events.json")]
    public void Unified_audit_log_records_are_not_claimed_by_the_entra_families(string relative)
    {
        var decoded = Decoded.File(Corpus.RequireCorpus(relative));

        Assert.NotEmpty(decoded.Events.Concat<object>(decoded.Rejections));
        Assert.DoesNotContain(decoded.Events, e => EntraKinds.Contains(e.Source));
    }

    [Fact]
    public void PowerShell_serialised_graph_sign_in_reads_pascal_case_and_ms_json_dates()
    {
        // Get-MgAuditLogSignIn | ConvertTo-Json on Windows PowerShell 5.1.
        const string record = """
            {
              "Id": "ps-0001",
              "CreatedDateTime": "/Date(1714551330000)/",
              "UserPrincipalName": "MeganB@contoso.com",
              "UserId": "26be570a-ae82-4189-b4e2-a37c6808512d",
              "IPAddress": "203.0.113.7",
              "Status": { "ErrorCode": 50126, "FailureReason": "Invalid username or password." },
              "Location": { "City": "Amsterdam", "CountryOrRegion": "NL" }
            }
            """;

        var evt = Assert.Single(Decoded.Text(record).Clean());

        Assert.Equal("signin.graph", evt.Format);
        Assert.Equal(new DateTime(2024, 5, 1, 8, 15, 30, DateTimeKind.Utc), evt.Time);
        Assert.Equal("50126", evt.Outcome.Code);
        Assert.Equal("NL", evt.Network.Country);
        Assert.Equal("meganb@contoso.com", evt.Actor.Upn);
    }

    [Fact]
    public void Forced_format_applies_the_named_normaliser_to_every_record()
    {
        var path = Path.Combine(Path.GetTempPath(), "daybreak-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, """[{"id":"f-1","createdDateTime":"2024-05-01T08:00:00Z","userPrincipalName":"a@contoso.com"}]""");
        try
        {
            Assert.Contains("unknown record type", Assert.Single(Decoded.File(path).Rejections).Reason);

            var forced = Assert.Single(Decoded.File(path, format: "signin.graph").Clean());

            Assert.Equal("signin:f-1", forced.RecordId);
            Assert.Equal(OutcomeStatus.Unknown, forced.Outcome.Status);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void App_initiator_without_a_service_principal_is_an_app()
    {
        const string record = """
            {"id":"a-1","activityDateTime":"2024-05-01T08:00:00Z","activityDisplayName":"Update application","result":"success","initiatedBy":{"user":null,"app":{"appId":"11b49e19-2326-4be6-93cb-7f37439bbd81","displayName":"Partner tool","servicePrincipalId":null}}}
            """;

        var evt = Assert.Single(Decoded.Text(record, ".ndjson").Clean());

        Assert.Equal(ActorKind.App, evt.Actor.Kind);
        Assert.Equal("11b49e19-2326-4be6-93cb-7f37439bbd81", evt.Actor.AppId);
        Assert.Null(evt.Actor.ObjectId);
    }

    [Theory]
    [InlineData("203.0.113.7:50123", "203.0.113.7")]
    [InlineData("[2001:db8::1]:443", "2001:db8::1")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("<null>", null)]
    [InlineData("", null)]
    public void Ip_strips_ports_and_drops_placeholders(string text, string? ip) =>
        Assert.Equal(ip, Daybreak.Decoders.Entra.EntraFields.Ip(text));

    /// <summary>The decoder validates addresses without parsing them into objects; it must keep exactly the inputs the
    /// parser accepts, odd forms included.</summary>
    [Theory]
    [InlineData("1.2.3.4")]
    [InlineData("1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("1.2.3")]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("::1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("2001:db8::1::2")]
    [InlineData("not-an-ip")]
    [InlineData("12345678901234567890")]
    public void Ip_keeps_what_the_address_parser_accepts(string text) =>
        Assert.Equal(System.Net.IPAddress.TryParse(text, out _) ? text : null, Daybreak.Decoders.Entra.EntraFields.Ip(text));

    [Fact]
    public void Registry_finds_families_and_formats_by_name()
    {
        var registry = NormaliserRegistry.CreateDefault();

        Assert.Equal("signin", registry.Find("SIGNIN.LOGANALYTICS")?.Family);
        Assert.Equal("risk", registry.Find("risk")?.Family);
    }
}
