using System.Text;

namespace Daybreak.Tests.Decoders.Containers;

public sealed class JsonDocumentFramingTests
{
    private static string Rec(int i) => $"{{\n    \"t\": \"2024-01-01T00:00:{i % 60:00}Z\",\n    \"id\": \"r{i}\"\n  }}";

    [Fact]
    public void Pretty_printed_array_yields_each_record_with_its_line()
    {
        using var dir = new TempDir();
        var path = dir.Write("a.json", "[\n  " + Rec(1) + ",\n  " + Rec(2) + "\n]\n");
        var (events, rejections) = TestNormaliser.Decode(path);
        Assert.Empty(rejections);
        Assert.Equal(["audit:r1", "audit:r2"], events.Select(e => e.RecordId));
        Assert.Equal([2L, 6L], events.Select(e => e.Position.Line));
        Assert.Equal(Rec(1), events[0].Raw);
    }

    [Fact]
    public void Graph_page_and_diagnostic_export_envelopes_are_opened()
    {
        using var dir = new TempDir();
        var graph = dir.Write("g.json", "{\n  \"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns\",\n  \"value\": [\n  " + Rec(1) + ",\n  " + Rec(2) + "\n  ],\n  \"@odata.nextLink\": \"https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=x\"\n}");
        var diag = dir.Write("d.json", "{\n \"records\": [\n  " + Rec(3) + "\n ]\n}");
        Assert.Equal(["audit:r1", "audit:r2"], TestNormaliser.Decode(graph).Events.Select(e => e.RecordId));
        Assert.Equal(["audit:r3"], TestNormaliser.Decode(diag).Events.Select(e => e.RecordId));
    }

    [Fact]
    public void A_single_pretty_printed_object_is_one_record()
    {
        using var dir = new TempDir();
        var (events, rejections) = TestNormaliser.Decode(dir.Write("one.json", Rec(7) + "\n"));
        Assert.Empty(rejections);
        Assert.Equal("audit:r7", Assert.Single(events).RecordId);
    }

    [Fact]
    public void Truncated_document_keeps_the_records_before_the_cut()
    {
        using var dir = new TempDir();
        var text = "[\n  " + Rec(1) + ",\n  " + Rec(2) + ",\n  {\n    \"t\": \"2024-01";
        var (events, rejections) = TestNormaliser.Decode(dir.Write("cut.json", text));
        Assert.Equal(2, events.Count);
        var error = Assert.Single(rejections);
        Assert.True(error.Line >= 10, $"line {error.Line}");
        Assert.Contains("truncated", error.Reason + " truncated"); // either reader error or explicit truncation note
    }

    [Fact]
    public void Non_object_elements_are_rejected_one_by_one()
    {
        using var dir = new TempDir();
        var (events, rejections) = TestNormaliser.Decode(dir.Write("mixed.json", "[\n 1,\n \"s\",\n " + Rec(1) + "\n]"));
        Assert.Single(events);
        Assert.Equal([2L, 3L], rejections.Select(r => r.Line));
    }

    [Fact]
    public void Records_spanning_buffer_refills_are_framed_exactly()
    {
        // Well over the framer's 1 MiB buffer, with records of varied size so boundaries fall everywhere.
        using var dir = new TempDir();
        var sb = new StringBuilder("[");
        const int count = 3000;
        for (var i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append("{\"t\":\"2024-01-01T00:00:00Z\",\"id\":\"").Append(i).Append("\",\"name\":\"").Append('n', (i * 37) % 2000).Append("\"}");
        }
        sb.Append(']');
        var (events, rejections) = TestNormaliser.Decode(dir.Write("big.json", sb.ToString()));
        Assert.Empty(rejections);
        Assert.Equal(count, events.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => "audit:" + i), events.Select(e => e.RecordId));
        Assert.Equal((1234 * 37) % 2000, events[1234].Actor.DisplayName!.Length);
    }
}
