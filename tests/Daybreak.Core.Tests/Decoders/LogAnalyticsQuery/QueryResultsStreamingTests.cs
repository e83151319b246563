using System.Text;
using Daybreak.Decoders;
using Daybreak.Sources;

namespace Daybreak.Tests.Decoders.LogAnalyticsQuery;

/// <summary>A query response is streamed row by row: its size is bounded by nothing but the disk.</summary>
public sealed class QueryResultsStreamingTests
{
    private const string Columns =
        """[{"name":"TimeGenerated","type":"datetime"},{"name":"RequestId","type":"string"},{"name":"RequestMethod","type":"string"},{"name":"RequestUri","type":"string"},{"name":"ResponseStatusCode","type":"long"},{"name":"Type","type":"string"}]""";

    private static string Row(int i) =>
        $$"""["2024-05-02T03:06:00Z","req-{{i}}","GET","https://graph.microsoft.com/v1.0/users/{{i}}",200,"MicrosoftGraphActivityLogs"]""";

    private static List<DecodeResult> Decode(string path) =>
        new FileDecoder(NormaliserRegistry.CreateDefault(), new DecodeOptions { MaxRecordBytes = 64 * 1024 })
            .Decode(new InputSource(path)).ToList();

    [Fact]
    public void A_response_many_times_larger_than_the_record_limit_is_read_row_by_row()
    {
        using var dir = new TempDir();
        var path = dir.File("big.json");
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            writer.Write("{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":" + Columns + ",\"rows\":[");
            for (var i = 0; i < 30_000; i++) writer.Write((i == 0 ? "" : ",") + Row(i));
            writer.Write("]}]}");
        }
        Assert.True(new FileInfo(path).Length > 3 * 1024 * 1024);

        var results = Decode(path);

        Assert.DoesNotContain(results, r => r.Rejection is not null);
        Assert.Equal(30_000, results.Count);
        Assert.Equal("graphactivity:req-29999", results[^1].Event!.RecordId);
        Assert.Equal(30_000, results[^1].Event!.Position.Line);
    }

    [Fact]
    public void A_row_longer_than_the_limit_is_skipped_and_the_rows_after_it_read()
    {
        using var dir = new TempDir();
        var path = dir.File("long-row.json");
        // 3 MB of small cells: larger than the limit and than the framer's buffer, yet every token is readable.
        var longRow = "[" + string.Join(",", Enumerable.Repeat("\"" + new string('a', 1000) + "\"", 3000)) + "]";
        File.WriteAllText(path, "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":" + Columns + ",\"rows\":[\n"
            + Row(1) + ",\n" + longRow + ",\n" + Row(3) + "]}]}");

        var results = Decode(path);

        Assert.Equal(["graphactivity:req-1", "graphactivity:req-3"], results.Where(r => r.Event is not null).Select(r => r.Event!.RecordId));
        var rejection = Assert.Single(results, r => r.Rejection is not null).Rejection!;
        Assert.Equal(2, rejection.Line);
        Assert.Equal("row longer than 64 KiB; skipped", rejection.Reason);
    }

    [Fact]
    public void A_truncated_response_keeps_the_rows_before_the_cut()
    {
        using var dir = new TempDir();
        var path = dir.File("cut.json");
        File.WriteAllText(path, "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":" + Columns + ",\"rows\":[" + Row(1) + "," + Row(2) + ",[\"2024-05-");

        var results = Decode(path);

        Assert.Equal(2, results.Count(r => r.Event is not null));
        var rejection = Assert.Single(results, r => r.Rejection is not null).Rejection!;
        Assert.Equal(3, rejection.Line);
        Assert.EndsWith("the rest of the file was not read", rejection.Reason);
    }
}
