using System.Text.Encodings.Web;
using System.Text.Json;
using Daybreak.Simulation.Records;
using Daybreak.Simulation.Scenarios;
using Daybreak.Simulation.Writers;

namespace Daybreak.Simulation.Truth;

/// <summary>Writes truth.json: every malicious record, the exposure per mailbox, throttled windows and expected incidents.</summary>
internal static class TruthWriter
{
    public const string Schema = "daybreak.truth/1";

    public static void Write(string path, SimulationOptions options, Organisation.Organisation org, ScenarioContext ctx)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var records = ctx.Records.Where(r => r.Label is not null).OrderBy(r => r.Time).ThenBy(r => r.RecordId, StringComparer.Ordinal).ToList();
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        w.WriteStartObject("generator");
        w.WriteNumber("seed", options.Seed);
        w.WriteNumber("users", options.Users);
        w.WriteNumber("days", options.Days);
        T(w, "start", options.Start);
        T(w, "end", options.Start.AddDays(options.Days));
        Strings(w, "scenarios", options.Scenarios);
        Strings(w, "formats", options.Formats.Select(f => f.ToString()));
        w.WriteEndObject();

        w.WriteStartArray("tenants");
        foreach (var t in new[] { org.Production, org.Test })
        {
            w.WriteStartObject();
            w.WriteString("name", t.Short);
            w.WriteString("id", t.Id);
            w.WriteString("domain", t.Domain);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("scenarios");
        foreach (var scenario in records.GroupBy(r => r.Label!.Scenario).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("name", scenario.Key);
            w.WriteStartArray("steps");
            foreach (var step in scenario.GroupBy(r => r.Label!.Step).OrderBy(g => g.Key))
            {
                w.WriteStartObject();
                w.WriteNumber("step", step.Key);
                Strings(w, "names", step.Select(r => r.Label!.StepName).Distinct());
                Strings(w, "techniques", step.Select(r => r.Label!.Technique).Distinct().Order(StringComparer.Ordinal));
                T(w, "first", step.Min(r => r.Time));
                T(w, "last", step.Max(r => r.Time));
                w.WriteNumber("records", step.Count());
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("records");
        foreach (var r in records)
        {
            w.WriteStartObject();
            w.WriteString("id", r.RecordId);
            w.WriteString("source", SourceName(r.Source));
            w.WriteString("stream", r.Stream);
            w.WriteString("tenant", r.Tenant.Short);
            T(w, "time", r.Time);
            w.WriteString("scenario", r.Label!.Scenario);
            w.WriteNumber("step", r.Label.Step);
            w.WriteString("step_name", r.Label.StepName);
            w.WriteString("technique", r.Label.Technique);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("mailboxes");
        var reads = records.OfType<UalRecord>().Where(u => u.Operation == "MailItemsAccessed");
        foreach (var g in reads.GroupBy(u => (u.Label!.Scenario, u.MailboxOwner!.UserPrincipalName)).OrderBy(g => g.Key.Scenario, StringComparer.Ordinal).ThenBy(g => g.Key.UserPrincipalName, StringComparer.Ordinal))
        {
            var ids = g.Where(u => u.MailAccessType == "Bind").SelectMany(u => u.Folders).SelectMany(f => f.Items).Select(m => m.InternetMessageId)
                .Distinct().Order(StringComparer.Ordinal).ToList();
            w.WriteStartObject();
            w.WriteString("scenario", g.Key.Scenario);
            w.WriteString("owner", g.Key.UserPrincipalName);
            w.WriteString("mailbox_guid", g.First().MailboxOwner!.Mailbox!.Guid);
            w.WriteNumber("items", ids.Count);
            Strings(w, "message_ids", ids);
            Strings(w, "folders_synced", g.Where(u => u.MailAccessType == "Sync").SelectMany(u => u.Folders).Select(f => f.Folder.Path).Distinct().Order(StringComparer.Ordinal));
            w.WriteStartArray("unknown_windows");
            foreach (var tw in ctx.ThrottledWindows.Where(t => t.Scenario == g.Key.Scenario && t.Owner == g.Key.UserPrincipalName))
            {
                w.WriteStartObject();
                T(w, "from", tw.From);
                T(w, "to", tw.To);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            T(w, "first_access", g.Min(u => u.Time));
            T(w, "last_access", g.Max(u => u.Time));
            Strings(w, "via", g.Select(u => (u.ClientAppId ?? u.AppId)?.ToString() ?? "").Where(s => s.Length > 0).Distinct().Order(StringComparer.Ordinal));
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("throttled_windows");
        foreach (var tw in ctx.ThrottledWindows)
        {
            w.WriteStartObject();
            w.WriteString("scenario", tw.Scenario);
            w.WriteString("owner", tw.Owner);
            w.WriteString("mailbox_guid", tw.MailboxGuid);
            T(w, "from", tw.From);
            T(w, "to", tw.To);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("incidents");
        foreach (var inc in ctx.Incidents)
        {
            var mine = records.Where(r => r.Label!.Scenario == inc.Scenario).ToList();
            if (mine.Count == 0) continue;
            w.WriteStartObject();
            w.WriteString("scenario", inc.Scenario);
            w.WriteString("title", inc.Title);
            Strings(w, "techniques", inc.Techniques);
            T(w, "first_seen", mine.Min(r => r.Time));
            T(w, "last_seen", mine.Max(r => r.Time));
            w.WriteStartObject("entities");
            Strings(w, "users", inc.Users);
            Strings(w, "apps", inc.Apps);
            Strings(w, "service_principals", inc.ServicePrincipals);
            Strings(w, "ips", inc.Ips);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static string SourceName(LogSource s) => s switch
    {
        LogSource.SignIns => "signin",
        LogSource.DirectoryAudits => "audit",
        LogSource.UnifiedAuditLog => "ual",
        _ => "graphactivity",
    };

    private static void T(Utf8JsonWriter w, string name, DateTime t) => JsonText.Time(w, name, t, JsonText.Ticks);

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
