using Daybreak.Simulation.Records;

namespace Daybreak.Simulation.Writers;

/// <summary>
/// JSON lines. Variant "diagnostic": Azure Monitor storage-account blobs, one PT1H.json per hour, at the path Azure
/// uses. Variant "loganalytics": one file per table per day. Variant "ual-ndjson": UAL records one per line per day.
/// </summary>
internal sealed class NdjsonWriter(WriterSpec spec) : RollingWriter
{
    private JsonSink? _sink;
    private readonly Scratch _scratch = new();

    protected override string KeyFor(SimRecord r) => spec.Variant == "diagnostic" ? Hour(r.Time) : Day(r.Time);

    protected override void OpenFile(SimRecord first)
    {
        var t = first.Time;
        var path = spec.Variant switch
        {
            "diagnostic" => $"{spec.Prefix}/insights-logs-{spec.Stream.ToLowerInvariant()}/resourceId=/TENANTS/{spec.TenantId.ToString().ToUpperInvariant()}/PROVIDERS/MICROSOFT.AADIAM/" +
                            JsonText.Format(t, "'y='yyyy'/m='MM'/d='dd'/h='HH'/m=00/PT1H.json'"),
            "ual-ndjson" => $"{spec.Prefix}/{spec.Stream}/{Day(t)}.ndjson",
            _ => $"{spec.Prefix}/{spec.Stream}/{Day(t)}.json",
        };
        var (stream, entry) = spec.Folder.Open(path, spec.Source, spec.Tenant, spec.Variant, spec.Stream, spec.Gzip);
        Entry = entry;
        _sink = new JsonSink(stream);
    }

    protected override void WriteOne(SimRecord r)
    {
        var w = _sink!.Writer;
        switch (spec.Variant)
        {
            case "loganalytics": LogAnalyticsJson.Write(w, r, _scratch); break;
            case "ual-ndjson": UalJson.Object(w, (UalRecord)r); break;
            default: DiagnosticJson.Write(w, r); break;
        }
        _sink.EndLine();
    }

    protected override void CloseFile()
    {
        _sink?.Dispose();
        _sink = null;
    }
}
