using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Daybreak.Correlation;
using Daybreak.Detection;

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
            Windows(w, "gaps", c.Gaps);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("alerts");
        foreach (var a in report.Alerts) WriteAlert(w, a);
        w.WriteEndArray();

        w.WriteStartArray("incidents");
        foreach (var i in report.Incidents) WriteIncident(w, i);
        w.WriteEndArray();

        // Community rules whose alerts joined no incident: they fire for a large share of the tenant's users.
        w.WriteStartArray("tenant_wide_rules");
        foreach (var r in report.TenantWideRules)
        {
            w.WriteStartObject();
            w.WriteString("rule", r.Rule);
            w.WriteString("title", r.Title);
            w.WriteNumber("alerts", r.Alerts);
            w.WriteNumber("users", r.Users);
            w.WriteNumber("tenant_users", r.TenantUsers);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("detection_errors");
        foreach (var e in report.DetectionErrors)
        {
            w.WriteStartObject();
            w.WriteString("detection", e.Detection);
            w.WriteNumber("count", e.Count);
            w.WriteString("first_error", e.FirstError);
            w.WriteString("first_record", e.FirstRecordId);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteAlert(Utf8JsonWriter w, Alert a)
    {
        w.WriteStartObject();
        w.WriteString("id", a.Id);
        w.WriteString("rule", a.Rule);
        w.WriteString("title", a.Title);
        w.WriteString("severity", a.Severity.Name());
        w.WriteString("time", Iso(a.Time));
        if (a.FirstSeen is { } first) w.WriteString("first_seen", Iso(first));
        w.WriteString("engine", a.Engine);
        if (a.Community) w.WriteBoolean("community", true);
        Strings(w, "techniques", a.Techniques);
        w.WritePropertyName("entities");
        WriteEntities(w, a.Entities);
        Strings(w, "evidence", a.Evidence);
        if (a.Description is not null) w.WriteString("description", a.Description);
        w.WriteEndObject();
    }

    private static void WriteEntities(Utf8JsonWriter w, AlertEntities e)
    {
        w.WriteStartObject();
        Strings(w, "users", e.Users);
        Strings(w, "user_ids", e.UserIds);
        Strings(w, "apps", e.Apps);
        Strings(w, "service_principals", e.ServicePrincipals);
        Strings(w, "ips", e.Ips);
        Strings(w, "mailboxes", e.Mailboxes);
        Strings(w, "credential_key_ids", e.CredentialKeyIds);
        Strings(w, "sessions", e.Sessions);
        Strings(w, "tenants", e.Tenants);
        if (e.Campaigns.Count > 0) Strings(w, "campaigns", e.Campaigns);
        w.WriteEndObject();
    }

    public static void WriteIncident(Utf8JsonWriter w, Incident i)
    {
        w.WriteStartObject();
        w.WriteString("id", i.Id);
        w.WriteString("title", i.Title);
        w.WriteString("severity", i.Severity.Name());
        w.WriteString("first_seen", Iso(i.FirstSeen));
        w.WriteString("last_seen", Iso(i.LastSeen));
        w.WriteString("detected_at", Iso(i.DetectedAt));
        w.WriteString("dwell", System.Xml.XmlConvert.ToString(i.Dwell));
        w.WriteNumber("dwell_seconds", (long)i.Dwell.TotalSeconds);
        Strings(w, "techniques", i.Techniques);
        w.WriteStartArray("steps");
        foreach (var s in i.Steps)
        {
            w.WriteStartObject();
            w.WriteString("technique", s.Technique);
            w.WriteString("time", Iso(s.Time));
            w.WriteString("alert", s.Alert);
            w.WriteString("title", s.Title);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WritePropertyName("entities");
        WriteEntities(w, i.Entities);
        w.WriteStartObject("blast_radius");
        w.WriteStartArray("mailboxes");
        foreach (var m in i.BlastRadius.Mailboxes)
        {
            w.WriteStartObject();
            w.WriteString("owner", m.Owner);
            w.WriteNumber("items", m.MessageIds.Count);
            Strings(w, "message_ids", m.MessageIds);
            Strings(w, "folders_synced", m.FoldersSynced);
            Windows(w, "unknown_windows", m.UnknownWindows);
            w.WriteString("first_access", Iso(m.FirstAccess));
            w.WriteString("last_access", Iso(m.LastAccess));
            Strings(w, "via", m.Via);
            w.WriteNumber("bytes", m.Bytes);
            w.WriteNumber("operations", m.Operations);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("resources");
        foreach (var r in i.BlastRadius.Resources)
        {
            w.WriteStartObject();
            w.WriteString("kind", r.Kind);
            w.WriteString("resource", r.Resource);
            w.WriteString("actor", r.Actor);
            w.WriteString("operation", r.Operation);
            w.WriteNumber("count", r.Count);
            w.WriteString("first_access", Iso(r.FirstAccess));
            w.WriteString("last_access", Iso(r.LastAccess));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Windows(Utf8JsonWriter w, string name, IEnumerable<Scoping.TimeWindow> windows)
    {
        w.WriteStartArray(name);
        foreach (var t in windows)
        {
            w.WriteStartObject();
            w.WriteString("from", Iso(t.From));
            w.WriteString("to", Iso(t.To));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
