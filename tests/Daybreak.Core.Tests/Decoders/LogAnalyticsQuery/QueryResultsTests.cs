using System.Text.Json;
using Daybreak.Events;
using Daybreak.Tests.Decoders.Entra;

namespace Daybreak.Tests.Decoders.LogAnalyticsQuery;

/// <summary>
/// Log Analytics query API results (tests/fixtures/loganalytics-query, written by generate.py from the project's Log
/// Analytics JSON fixtures): each row must normalise to exactly the event its record gives in the JSON export.
/// </summary>
public sealed class QueryResultsTests
{
    private static readonly string[] JsonExports =
        ["signin/loganalytics.json", "audit/loganalytics.ndjson", "ual/officeactivity-loganalytics.json", "graphactivity/loganalytics.json", "risk/loganalytics.json"];

    /// <summary>The events of the Log Analytics JSON export fixtures, by record id, as comparable text.</summary>
    private static Dictionary<string, string> ExportEvents() =>
        JsonExports.SelectMany(f => Decoded.File(Decoded.Fixture(f)).Clean()).ToDictionary(e => e.RecordId, Comparable);

    /// <summary>Every normalised field; the raw text and position differ by construction.</summary>
    private static string Comparable(AuditEvent evt)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(evt))!.AsObject();
        node.Remove(nameof(AuditEvent.Raw));
        node.Remove(nameof(AuditEvent.Position));
        return node.ToJsonString();
    }

    private static Decoded Query(string name) => Decoded.File(Decoded.Fixture("loganalytics-query/" + name));

    [Theory]
    [InlineData("union-primaryresult.json", 14, 11)]
    [InlineData("multiple-tables.json", 6, 6)]
    [InlineData("older-shape.json", 4, 4)]
    public void Rows_normalise_as_the_same_records_of_the_json_export(string file, int rows, int inExport)
    {
        var events = Query(file).Clean();
        var export = ExportEvents();

        Assert.Equal(rows, events.Count);
        Assert.All(events, e => Assert.EndsWith(".loganalytics", e.Format));
        var matched = events.Where(e => export.ContainsKey(e.RecordId)).ToList();
        Assert.Equal(inExport, matched.Count);
        Assert.All(matched, e => Assert.Equal(export[e.RecordId], Comparable(e)));
        // Records are numbered by their row, across tables.
        Assert.Equal(Enumerable.Range(1, rows).Select(i => (long)i), events.Select(e => e.Position.Line));
    }

    [Fact]
    public void Several_tables_in_one_result_are_each_read_by_their_own_normaliser()
    {
        var events = Query("union-primaryresult.json").Clean();

        Assert.Equal(["audit", "graphactivity", "risk", "signin", "ual"], events.Select(e => e.Source.Name()).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(
            ["ManagedIdentitySignInLogs", "NonInteractiveUserSignInLogs", "RiskyUsers", "ServicePrincipalRiskEvents", "ServicePrincipalSignInLogs", "SignInLogs", "UserRiskEvents"],
            events.Where(e => e.Source is SourceKind.SignIn or SourceKind.Risk).Select(e => e.Category!).Distinct().Order(StringComparer.Ordinal));
        var managed = Assert.Single(events, e => e.Category == "ManagedIdentitySignInLogs");
        Assert.Equal(ActorKind.ManagedIdentity, managed.Actor.Kind);
        Assert.Equal("0a1b2c3d-0000-4000-8000-00000000e004", managed.Actor.ObjectId);
        Assert.Null(managed.Network.Ip); // an empty cell is no address
        var spRisk = Assert.Single(events, e => e.Category == "ServicePrincipalRiskEvents");
        Assert.Equal("investigationsThreatIntelligence", spRisk.Operation);
        Assert.Equal("high", spRisk.Outcome.Code);
        Assert.Equal(Decoded.Utc("2024-05-02T03:06:00Z"), spRisk.Time);
        // The MailItemsAccessed row keeps its folders and items through the union.
        var mia = Assert.Single(events, e => e.Operation == "MailItemsAccessed");
        Assert.Equal(3, mia.Mail!.Folders.Sum(f => f.Items.Count));
    }

    [Fact]
    public void Raw_record_is_the_row_as_an_object_of_every_column_with_cells_as_written()
    {
        var events = Query("union-primaryresult.json").Clean();
        var doc = JsonDocument.Parse(File.ReadAllText(Decoded.Fixture("loganalytics-query/union-primaryresult.json")));
        var table = doc.RootElement.GetProperty("tables")[0];
        var columns = table.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();

        var first = events[0];
        using var raw = JsonDocument.Parse(first.Raw);
        Assert.Equal(columns, raw.RootElement.EnumerateObject().Select(p => p.Name));
        var row = table.GetProperty("rows")[0];
        Assert.Equal(row.EnumerateArray().Select(c => c.GetRawText()), raw.RootElement.EnumerateObject().Select(p => p.Value.GetRawText()));
        // Empty and null cells, and the union's split columns, are kept in the raw record as they came.
        Assert.Equal(JsonValueKind.String, raw.RootElement.GetProperty("LocationDetails_dynamic").ValueKind);
        Assert.Equal("", raw.RootElement.GetProperty("Operation").GetString());
    }

    [Fact]
    public void Bad_rows_are_rejected_with_their_index_and_the_other_rows_kept()
    {
        var decoded = Query("bad-rows.json");

        Assert.Equal([1L, 5, 7], decoded.Events.Select(e => e.Position.Line));
        Assert.Equal(["graphactivity", "graphactivity", "risk"], decoded.Events.Select(e => e.Source.Name()));
        var reasons = decoded.Rejections.Select(r => (r.Line, r.Reason)).ToList();
        Assert.Equal(5, reasons.Count);
        Assert.Contains(reasons, r => r.Line == 2 && r.Reason.StartsWith("row has 24 cells, table 'PrimaryResult' has 25 columns", StringComparison.Ordinal));
        Assert.Contains((3L, "row of table 'PrimaryResult' is not a JSON array"), reasons);
        Assert.Contains((4L, "row of table 'PrimaryResult' is not a JSON array"), reasons);
        Assert.Contains(reasons, r => r.Line == 6 && r.Reason.Contains("table 'NoColumns' has no columns", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Line == 0 && r.Reason.Contains("PartialError: There were some errors", StringComparison.Ordinal));
        Assert.All(decoded.Rejections, r => Assert.EndsWith("bad-rows.json", r.File));
    }

    [Fact]
    public void A_union_row_is_routed_by_its_Type_even_when_other_tables_empty_columns_look_like_UAL()
    {
        // As `az monitor log-analytics query` writes a union: OfficeActivity's string columns are "" in a sign-in row.
        var events = Decoded.Text("""
            [{"TimeGenerated":"2024-05-01T08:15:30Z","CreatedDateTime":"2024-05-01T08:15:30Z","Id":"66ea54eb-6301-4ee5-be62-ff5a759b0100",
              "ResultType":"0","UserPrincipalName":"a@contoso.com","Operation":"","RecordType":"","OfficeWorkload":"","Type":"SigninLogs"}]
            """).Clean();

        var evt = Assert.Single(events);
        Assert.Equal("signin.loganalytics", evt.Format);
        Assert.Equal("signin:66ea54eb-6301-4ee5-be62-ff5a759b0100", evt.RecordId);
    }
}
