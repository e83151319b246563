using Daybreak.Simulation.Records;

namespace Daybreak.Simulation.Writers;

/// <summary>
/// One JSON document per hour. Variant "ual-api": a Management Activity API content blob (a JSON array of UAL
/// records). Variant "eventhub": an Event Hubs capture body {"records":[...]} of diagnostic records.
/// </summary>
internal sealed class JsonArrayWriter(WriterSpec spec) : RollingWriter
{
    private JsonSink? _sink;

    protected override string KeyFor(SimRecord r) => Hour(r.Time);

    protected override void OpenFile(SimRecord first)
    {
        var (stream, entry) = spec.Folder.Open($"{spec.Prefix}/{spec.Stream}/{Hour(first.Time)}.json", spec.Source, spec.Tenant, spec.Variant, spec.Stream, spec.Gzip);
        Entry = entry;
        _sink = new JsonSink(stream);
        if (spec.Variant == "eventhub")
        {
            _sink.Writer.WriteStartObject();
            _sink.Writer.WriteStartArray("records");
        }
        else _sink.Writer.WriteStartArray();
    }

    protected override void WriteOne(SimRecord r)
    {
        if (r is UalRecord u) UalJson.Object(_sink!.Writer, u);
        else DiagnosticJson.Write(_sink!.Writer, r);
        _sink.DrainIfLarge();
    }

    protected override void CloseFile()
    {
        _sink!.Writer.WriteEndArray();
        if (spec.Variant == "eventhub") _sink.Writer.WriteEndObject();
        _sink.Dispose();
        _sink = null;
    }
}
