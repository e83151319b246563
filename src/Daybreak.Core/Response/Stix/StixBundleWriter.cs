using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Daybreak.Correlation;
using Daybreak.Detection;
using Daybreak.Detection.Intel;
using Daybreak.Reporting;

namespace Daybreak.Response.Stix;

/// <summary>
/// An incident as a STIX 2.1 bundle for sharing: indicators for the attacker's IPs and app ids, attack-patterns for
/// its ATT&amp;CK techniques, the victim organisation as an identity, a sighting of each indicator there, and
/// "indicates" relationships; an intrusion set that "uses" the attack-patterns only when the user names one.
/// Ids are name-based and timestamps come from the incident, so exporting again gives the same bytes.
/// </summary>
public static class StixBundleWriter
{
    /// <summary>Microsoft first-party apps that appear in incidents as the resource, never as the attacker's tool.</summary>
    private static readonly HashSet<string> FirstPartyApps = new(StringComparer.OrdinalIgnoreCase)
    {
        "00000002-0000-0ff1-ce00-000000000000", // Office 365 Exchange Online
        "00000003-0000-0000-c000-000000000000", // Microsoft Graph
        "00000002-0000-0000-c000-000000000000", // Azure AD Graph
        "00000003-0000-0ff1-ce00-000000000000", // Office 365 SharePoint Online
    };

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Incident incident, StixExportOptions options)
    {
        var stamp = HuntReportJson.Iso(incident.DetectedAt);
        var tool = StixIds.For("identity", "daybreak");
        var orgName = options.Organisation ?? (incident.Entities.Tenants.Count > 0
            ? "Victim organisation (tenant " + string.Join(", ", incident.Entities.Tenants) + ")" : "Victim organisation");
        var org = StixIds.For("identity", "organisation:" + orgName.ToLowerInvariant());
        var objects = new List<Action<Utf8JsonWriter>>();

        objects.Add(w => Identity(w, tool, tool, stamp, "Daybreak", "system", "Entra ID / Microsoft 365 breach hunting and response tool"));
        objects.Add(w => Identity(w, org, tool, stamp, orgName, "organization", "The organisation where the activity was sighted."));
        if (options.IncludeUsers)
        {
            foreach (var upn in incident.Entities.Users)
            {
                var id = StixIds.For("identity", "user:" + upn);
                objects.Add(w => Identity(w, id, tool, stamp, upn, "individual", "An account involved in the incident."));
            }
        }

        var techniques = incident.Techniques.Concat(incident.Alerts.SelectMany(a => a.Techniques))
            .Select(t => t.Trim().ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var t in techniques) objects.Add(w => AttackPattern(w, t, tool, stamp));

        var indicators = new List<(string Id, IndicatorKind Kind, string Value, List<Alert> Alerts)>();
        foreach (var ip in incident.Entities.Ips)
        {
            if (IndicatorKinds.Normalise(IndicatorKind.Ip, ip) is not { } v) continue;
            indicators.Add((StixIds.For("indicator", "ip:" + v), IndicatorKind.Ip, v, incident.Alerts.Where(a => a.Entities.Ips.Contains(ip)).ToList()));
        }
        foreach (var app in incident.Entities.Apps)
        {
            if (FirstPartyApps.Contains(app) || IndicatorKinds.Normalise(IndicatorKind.App, app) is not { } v) continue;
            indicators.Add((StixIds.For("indicator", "app:" + v), IndicatorKind.App, v, incident.Alerts.Where(a => a.Entities.Apps.Contains(app)).ToList()));
        }
        foreach (var i in indicators) objects.Add(w => Indicator(w, i.Id, i.Kind, i.Value, i.Alerts, incident, tool, stamp));

        string? set = null;
        if (!string.IsNullOrWhiteSpace(options.IntrusionSet))
        {
            var name = options.IntrusionSet.Trim();
            set = StixIds.For("intrusion-set", name.ToLowerInvariant());
            objects.Add(w =>
            {
                Core(w, "intrusion-set", set, tool, stamp);
                w.WriteString("name", name);
                w.WriteString("description", "Named by the analyst who exported incident " + incident.Id + ".");
                w.WriteEndObject();
            });
        }

        var relationships = new SortedDictionary<string, (string Type, string Source, string Target)>(StringComparer.Ordinal);
        void Relate(string type, string source, string target) =>
            relationships[StixIds.For("relationship", type + ":" + source + ":" + target)] = (type, source, target);
        foreach (var i in indicators)
        {
            foreach (var t in i.Alerts.SelectMany(a => a.Techniques).Select(t => t.Trim().ToUpperInvariant()).Distinct())
                Relate("indicates", i.Id, StixIds.For("attack-pattern", t));
            if (set is not null) Relate("indicates", i.Id, set);
        }
        if (set is not null)
        {
            foreach (var t in techniques) Relate("uses", set, StixIds.For("attack-pattern", t));
            Relate("targets", set, org);
        }
        foreach (var (id, r) in relationships)
        {
            objects.Add(w =>
            {
                Core(w, "relationship", id, tool, stamp);
                w.WriteString("relationship_type", r.Type);
                w.WriteString("source_ref", r.Source);
                w.WriteString("target_ref", r.Target);
                w.WriteEndObject();
            });
        }

        foreach (var i in indicators)
        {
            var evidence = i.Alerts.Sum(a => Math.Max(1, a.Evidence.Count));
            var first = i.Alerts.Count > 0 ? i.Alerts.Min(a => a.FirstSeen ?? a.Time) : incident.FirstSeen;
            var last = i.Alerts.Count > 0 ? i.Alerts.Max(a => a.Time) : incident.LastSeen;
            objects.Add(w =>
            {
                Core(w, "sighting", StixIds.For("sighting", i.Id + ":" + org + ":" + incident.Id), tool, stamp);
                w.WriteString("description", $"Seen in incident {incident.Id}: {incident.Title}");
                w.WriteString("first_seen", HuntReportJson.Iso(first));
                w.WriteString("last_seen", HuntReportJson.Iso(last > first ? last : first.AddMilliseconds(1)));
                w.WriteNumber("count", Math.Min(evidence, 999_999_999));
                w.WriteString("sighting_of_ref", i.Id);
                w.WriteStartArray("where_sighted_refs");
                w.WriteStringValue(org);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        var buffer = new ArrayBufferWriter<byte>(8192);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("type", "bundle");
            w.WriteString("id", StixIds.For("bundle", incident.Id + "\n" + options.IntrusionSet + "\n" + orgName + "\n" + options.IncludeUsers));
            w.WriteStartArray("objects");
            foreach (var write in objects) write(w);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static void Core(Utf8JsonWriter w, string type, string id, string createdBy, string stamp)
    {
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteString("spec_version", "2.1");
        w.WriteString("id", id);
        if (id != createdBy) w.WriteString("created_by_ref", createdBy);
        w.WriteString("created", stamp);
        w.WriteString("modified", stamp);
    }

    private static void Identity(Utf8JsonWriter w, string id, string tool, string stamp, string name, string identityClass, string description)
    {
        Core(w, "identity", id, tool, stamp);
        w.WriteString("name", name);
        w.WriteString("description", description);
        w.WriteString("identity_class", identityClass);
        w.WriteEndObject();
    }

    private static void AttackPattern(Utf8JsonWriter w, string technique, string tool, string stamp)
    {
        Core(w, "attack-pattern", StixIds.For("attack-pattern", technique), tool, stamp);
        w.WriteString("name", AttackTechniques.Name(technique));
        w.WriteStartArray("external_references");
        w.WriteStartObject();
        w.WriteString("source_name", "mitre-attack");
        w.WriteString("external_id", technique);
        w.WriteString("url", AttackTechniques.Url(technique));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Indicator(Utf8JsonWriter w, string id, IndicatorKind kind, string value, List<Alert> alerts, Incident incident, string tool, string stamp)
    {
        Core(w, "indicator", id, tool, stamp);
        var (what, why) = kind == IndicatorKind.Ip
            ? ("IP address", "Client IP of attacker activity")
            : ("Entra ID application (client) id", "Application used by the attacker");
        w.WriteString("name", $"{what} {value}");
        var rules = string.Join("; ", alerts.Select(a => a.Title).Distinct().Take(5));
        w.WriteString("description", $"{why} in incident {incident.Id}" + (rules.Length > 0 ? $" ({rules})." : "."));
        w.WriteStartArray("indicator_types");
        w.WriteStringValue("malicious-activity");
        w.WriteEndArray();
        w.WriteString("pattern", StixPatternParser.For(kind, value));
        w.WriteString("pattern_type", "stix");
        w.WriteString("pattern_version", "2.1");
        w.WriteString("valid_from", HuntReportJson.Iso(alerts.Count > 0 ? alerts.Min(a => a.FirstSeen ?? a.Time) : incident.FirstSeen));
        w.WriteEndObject();
    }
}
