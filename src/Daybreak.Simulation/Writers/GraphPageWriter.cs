using Daybreak.Simulation.Records;

namespace Daybreak.Simulation.Writers;

/// <summary>
/// Graph API list responses as a client saves them: one file per page, {"@odata.context", "value":[...],
/// "@odata.nextLink"} with the link on every page but the last of each day.
/// </summary>
internal sealed class GraphPageWriter(WriterSpec spec) : IRecordWriter
{
    private readonly List<SimRecord> _page = [];
    private string? _day;
    private int _pageNumber;

    private string Collection => spec.Source == LogSource.SignIns ? "signIns" : "directoryAudits";

    private string Version => spec.Source == LogSource.SignIns ? "beta" : "v1.0";

    public void Write(SimRecord record)
    {
        var day = JsonText.Format(record.Time, "yyyy-MM-dd");
        if (!string.Equals(day, _day, StringComparison.Ordinal))
        {
            Flush(last: true);
            _day = day;
            _pageNumber = 0;
        }
        else if (_page.Count >= spec.PageSize) Flush(last: false);
        _page.Add(record);
    }

    public void Close() => Flush(last: true);

    private void Flush(bool last)
    {
        if (_page.Count == 0) return;
        _pageNumber++;
        var (stream, entry) = spec.Folder.Open($"{spec.Prefix}/{Collection}/{_day}/page-{_pageNumber:0000}.json", spec.Source, spec.Tenant, spec.Variant, Collection, spec.Gzip);
        using var sink = new JsonSink(stream);
        var w = sink.Writer;
        w.WriteStartObject();
        w.WriteString("@odata.context", $"https://graph.microsoft.com/{Version}/$metadata#auditLogs/{Collection}");
        w.WriteStartArray("value");
        foreach (var r in _page)
        {
            if (r is SignInRecord s) SignInJson.Object(w, s, diagnostic: false);
            else AuditJson.Object(w, (AuditRecord)r, graph: true);
            sink.DrainIfLarge();
        }
        w.WriteEndArray();
        if (!last)
        {
            var field = spec.Source == LogSource.SignIns ? "createdDateTime" : "activityDateTime";
            w.WriteString("@odata.nextLink",
                $"https://graph.microsoft.com/{Version}/auditLogs/{Collection}?$filter={field} ge {_day}T00:00:00Z&$top={spec.PageSize}&$skiptoken=" +
                $"{_day!.Replace("-", "", StringComparison.Ordinal)}{_pageNumber:x8}");
        }
        w.WriteEndObject();
        entry.Records = _page.Count;
        _page.Clear();
    }
}
