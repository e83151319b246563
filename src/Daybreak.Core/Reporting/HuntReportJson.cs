using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Daybreak.Reporting;

/// <summary>Writes the hunt report as JSON. Strings from logs are escaped by the writer, so control characters never reach a terminal raw.</summary>
public static class HuntReportJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(HuntReport report, Stream output)
    {
        using var w = new Utf8JsonWriter(output, Options);
        w.WriteStartObject();
        w.WriteString("schema", HuntReport.Schema);

        w.WriteStartObject("input");
        w.WriteNumber("files", report.Input.Files);
        w.WriteNumber("records", report.Input.Records);
        w.WriteNumber("accepted", report.Input.Accepted);
        w.WriteNumber("rejected", report.Input.Rejected);
        w.WriteNumber("errors_not_listed", report.Input.UnlistedErrors);
        w.WriteStartArray("errors");
        foreach (var e in report.Input.Errors)
        {
            w.WriteStartObject();
            w.WriteString("file", e.File);
            w.WriteNumber("line", e.Line);
            w.WriteString("reason", e.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();

        w.WriteStartArray("coverage");
        foreach (var c in report.Coverage)
        {
            w.WriteStartObject();
            w.WriteString("source", c.Source);
            w.WriteString("tenant", c.Tenant);
            w.WriteString("from", Iso(c.From));
            w.WriteString("to", Iso(c.To));
            w.WriteNumber("records", c.Records);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        // Detection and scoping stages fill these (see the open issues); until then they are present and empty.
        w.WriteStartArray("alerts");
        w.WriteEndArray();
        w.WriteStartArray("incidents");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
