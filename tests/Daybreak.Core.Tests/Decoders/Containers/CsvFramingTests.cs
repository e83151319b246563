namespace Daybreak.Tests.Decoders.Containers;

public sealed class CsvFramingTests
{
    [Fact]
    public void Embedded_newlines_doubled_quotes_and_formula_text_survive_as_data()
    {
        using var dir = new TempDir();
        var path = dir.Write("a.csv",
            "t,id,name\n" +
            "2024-01-01T00:00:00Z,1,\"line one\nline \"\"two\"\"\"\n" +
            "2024-01-01T00:00:01Z,2,=cmd|' /C calc'!A0\n");
        var (events, rejections) = TestNormaliser.Decode(path);
        Assert.Empty(rejections);
        Assert.Equal("line one\nline \"two\"", events[0].Actor.DisplayName);
        Assert.Equal("=cmd|' /C calc'!A0", events[1].Actor.DisplayName);
        Assert.Equal(2, events[0].Position.Line);
        Assert.Equal(4, events[1].Position.Line);
        Assert.Equal("{\"t\":\"2024-01-01T00:00:01Z\",\"id\":\"2\",\"name\":\"=cmd|\\u0027 /C calc\\u0027!A0\"}", events[1].Raw);
    }

    [Fact]
    public void Log_analytics_portal_quirks_are_undone()
    {
        using var dir = new TempDir();
        var path = dir.Write("la.csv",
            "t [UTC],id,Status_dynamic,Status_string,name\n" +
            "\"4/28/2021, 2:08:45.221 PM\",1,\"{\"\"errorCode\"\":50126}\",,\n");
        var decoder = new Daybreak.Decoders.FileDecoder(new([new RootEcho()]), new());
        var result = Assert.Single(decoder.Decode(new Daybreak.Sources.InputSource(path)));
        Assert.NotNull(result.Event);
        Assert.Equal("{\"t\":\"2021-04-28T14:08:45.2210000Z\",\"Status\":{\"errorCode\":50126},\"id\":\"1\"}".Length, result.Event.Operation.Length);
        Assert.Contains("\"Status\":{\"errorCode\":50126}", result.Event.Operation);
        Assert.Contains("\"t\":\"2021-04-28T14:08:45.2210000Z\"", result.Event.Operation);
        Assert.DoesNotContain("name", result.Event.Operation);
    }

    [Fact]
    public void Powershell_type_line_and_utf16_bom_are_handled_and_lines_counted_from_the_file_start()
    {
        using var dir = new TempDir();
        var text = "#TYPE Deserialized.Microsoft.Exchange.Management.SystemConfigurationTasks.AuditRecord\r\n" +
                   "\"t\",\"id\",\"name\"\r\n\"2024-01-01T00:00:00Z\",\"9\",\"Ünïcødé\"\r\n";
        var path = dir.Write("ps.csv", [.. new byte[] { 0xFF, 0xFE }, .. System.Text.Encoding.Unicode.GetBytes(text)]);
        var (events, rejections) = TestNormaliser.Decode(path);
        Assert.Empty(rejections);
        var evt = Assert.Single(events);
        Assert.Equal("Ünïcødé", evt.Actor.DisplayName);
        Assert.Equal(3, evt.Position.Line);
    }

    [Fact]
    public void A_row_with_the_wrong_cell_count_is_rejected_alone()
    {
        using var dir = new TempDir();
        var path = dir.Write("bad.csv", "t,id\n2024-01-01T00:00:00Z,1,extra\n2024-01-01T00:00:00Z,2\n");
        var (events, rejections) = TestNormaliser.Decode(path);
        Assert.Equal("audit:2", Assert.Single(events).RecordId);
        Assert.Equal(2, Assert.Single(rejections).Line);
    }

    /// <summary>Puts the cleaned root the normalisers see into Operation, to assert on it.</summary>
    private sealed class RootEcho : Daybreak.Decoders.IRecordNormaliser
    {
        public string Family => "echo";
        public IReadOnlyList<Daybreak.Decoders.FormatInfo> Formats => [];
        public bool Accepts(in Daybreak.Decoders.RawRecord record) => true;
        public Daybreak.Events.AuditEvent Normalise(in Daybreak.Decoders.RawRecord record) =>
            new() { RecordId = "x", Format = "echo", Raw = record.Raw, Operation = record.Root.GetRawText() };
    }
}
