using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Daybreak.Correlation;
using Daybreak.Detection;
using Daybreak.Scoping;

namespace Daybreak.Reporting;

/// <summary>
/// Alerts and incidents to and from their hunt-report JSON, so the case file can keep a hunt's findings and later
/// verbs (scope, contain, notify, export, report) work from them without hunting again.
/// </summary>
public static class FindingsJson
{
    public static string Write(Alert alert) => Write(w => HuntReportJson.WriteAlert(w, alert));

    public static string Write(Incident incident) => Write(w => HuntReportJson.WriteIncident(w, incident));

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer)) write(w);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static Alert ReadAlert(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var a = doc.RootElement;
        return new Alert
        {
            Rule = Str(a, "rule")!,
            Title = Str(a, "title")!,
            Severity = Severities.Parse(Str(a, "severity")),
            Time = Time(a, "time"),
            FirstSeen = a.TryGetProperty("first_seen", out _) ? Time(a, "first_seen") : null,
            Engine = Str(a, "engine") ?? "builtin",
            Community = a.TryGetProperty("community", out var community) && community.ValueKind == JsonValueKind.True,
            Techniques = Strings(a, "techniques"),
            Entities = ReadEntities(a.GetProperty("entities")),
            Evidence = Strings(a, "evidence"),
            Description = Str(a, "description"),
        };
    }

    /// <summary>Reads an incident; its steps' alerts are looked up in <paramref name="alerts"/> by id.</summary>
    public static Incident ReadIncident(string json, IReadOnlyDictionary<string, Alert> alerts)
    {
        using var doc = JsonDocument.Parse(json);
        var i = doc.RootElement;
        var incident = new Incident
        {
            Id = Str(i, "id")!,
            Title = Str(i, "title")!,
            Severity = Severities.Parse(Str(i, "severity")),
            FirstSeen = Time(i, "first_seen"),
            LastSeen = Time(i, "last_seen"),
            DetectedAt = Time(i, "detected_at"),
        };
        incident.Techniques.AddRange(Strings(i, "techniques"));
        foreach (var s in i.GetProperty("steps").EnumerateArray())
        {
            var alertId = Str(s, "alert")!;
            incident.Steps.Add(new IncidentStep(Str(s, "technique"), Time(s, "time"), alertId, Str(s, "title") ?? ""));
            if (alerts.TryGetValue(alertId, out var alert) && !incident.Alerts.Contains(alert)) incident.Alerts.Add(alert);
        }
        incident.Entities.UnionWith(ReadEntities(i.GetProperty("entities")));
        foreach (var m in i.GetProperty("blast_radius").GetProperty("mailboxes").EnumerateArray())
        {
            var exposure = new MailboxExposure
            {
                Owner = Str(m, "owner")!,
                FirstAccess = Time(m, "first_access"),
                LastAccess = Time(m, "last_access"),
                Bytes = m.TryGetProperty("bytes", out var b) ? b.GetInt64() : 0,
                Operations = m.TryGetProperty("operations", out var o) ? o.GetInt64() : 0,
            };
            exposure.MessageIds.UnionWith(Strings(m, "message_ids"));
            exposure.FoldersSynced.UnionWith(Strings(m, "folders_synced"));
            exposure.Via.UnionWith(Strings(m, "via"));
            foreach (var u in m.GetProperty("unknown_windows").EnumerateArray())
                exposure.UnknownWindows.Add(new TimeWindow(Time(u, "from"), Time(u, "to")));
            incident.BlastRadius.Mailboxes.Add(exposure);
        }
        if (i.GetProperty("blast_radius").TryGetProperty("resources", out var resources))
        {
            foreach (var r in resources.EnumerateArray())
                incident.BlastRadius.Resources.Add(new ResourceAccess(Str(r, "kind")!, Str(r, "resource")!, Str(r, "actor")!,
                    Time(r, "first_access"), Time(r, "last_access"), r.GetProperty("count").GetInt64(), Str(r, "operation") ?? ""));
        }
        return incident;
    }

    private static AlertEntities ReadEntities(JsonElement e)
    {
        var entities = new AlertEntities();
        void Fill(EntitySet set, string name) => set.UnionWith(Strings(e, name));
        Fill(entities.Users, "users");
        Fill(entities.UserIds, "user_ids");
        Fill(entities.Apps, "apps");
        Fill(entities.ServicePrincipals, "service_principals");
        Fill(entities.Ips, "ips");
        Fill(entities.Mailboxes, "mailboxes");
        Fill(entities.CredentialKeyIds, "credential_key_ids");
        Fill(entities.Sessions, "sessions");
        Fill(entities.Tenants, "tenants");
        Fill(entities.Campaigns, "campaigns");
        return entities;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static List<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(x => x.GetString()!).ToList() : [];

    private static DateTime Time(JsonElement e, string name) =>
        DateTime.Parse(Str(e, name)!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
