using System.Collections.Concurrent;
using System.Text.Json;
using Daybreak.Decoders;
using Daybreak.Detection;
using Daybreak.Events;
using Daybreak.Simulation;
using Daybreak.Sources;

namespace Daybreak.Tests.Correlation.Support;

/// <summary>
/// One simulated tenant, decoded and time-ordered, with its truth.json read back. Alerts are built from truth: one per
/// malicious step (its record ids and the entities of its decoded events), the stand-in for detections that do not
/// exist in this branch.
/// </summary>
public sealed class SimulatedCase
{
    private static readonly ConcurrentDictionary<string, Lazy<SimulatedCase>> Cache = new(StringComparer.Ordinal);

    public required IReadOnlyList<AuditEvent> Events { get; init; }

    public required IReadOnlyDictionary<string, AuditEvent> ById { get; init; }

    public required IReadOnlyList<TruthRecord> Records { get; init; }

    public required IReadOnlyList<TruthMailbox> Mailboxes { get; init; }

    public required IReadOnlyList<string> Scenarios { get; init; }

    /// <summary>Simulates once per option set and process; the logs are deleted after decoding.</summary>
    public static SimulatedCase Get(int users, int days, ulong seed, params string[] scenarios)
    {
        var key = $"{users}/{days}/{seed}/{string.Join(",", scenarios)}";
        return Cache.GetOrAdd(key, _ => new Lazy<SimulatedCase>(() => Build(users, days, seed, scenarios))).Value;
    }

    private static SimulatedCase Build(int users, int days, ulong seed, string[] scenarios)
    {
        using var dir = new TempDir();
        var result = new TenantSimulator(new SimulationOptions { Users = users, Days = days, Seed = seed, Scenarios = scenarios }).Run(dir.Path);
        var decoder = new FileDecoder(NormaliserRegistry.CreateDefault(), new DecodeOptions());
        var events = new List<AuditEvent>();
        foreach (var source in InputExpander.Expand([result.LogsDirectory]))
        {
            foreach (var r in decoder.Decode(source))
            {
                if (r.Event is { } e) events.Add(e);
            }
        }
        events.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : string.CompareOrdinal(a.RecordId, b.RecordId));
        var byId = new Dictionary<string, AuditEvent>(StringComparer.Ordinal);
        foreach (var e in events) byId.TryAdd(e.RecordId, e);

        using var truth = JsonDocument.Parse(File.ReadAllText(result.TruthPath));
        var root = truth.RootElement;
        var records = root.GetProperty("records").EnumerateArray().Select(r => new TruthRecord(
            r.GetProperty("source").GetString() + ":" + r.GetProperty("id").GetString()!.ToLowerInvariant(),
            r.GetProperty("scenario").GetString()!, r.GetProperty("step").GetInt32(), r.GetProperty("step_name").GetString()!,
            r.GetProperty("technique").GetString()!, r.GetProperty("time").GetDateTime().ToUniversalTime())).ToList();
        var mailboxes = root.GetProperty("mailboxes").EnumerateArray().Select(m => new TruthMailbox(
            m.GetProperty("scenario").GetString()!, m.GetProperty("owner").GetString()!,
            Strings(m, "message_ids"), Strings(m, "folders_synced"),
            m.GetProperty("unknown_windows").EnumerateArray().Select(w => (w.GetProperty("from").GetDateTime().ToUniversalTime(), w.GetProperty("to").GetDateTime().ToUniversalTime())).ToList(),
            m.GetProperty("first_access").GetDateTime().ToUniversalTime(), m.GetProperty("last_access").GetDateTime().ToUniversalTime(),
            Strings(m, "via"))).ToList();
        return new SimulatedCase
        {
            Events = events, ById = byId, Records = records, Mailboxes = mailboxes,
            Scenarios = records.Select(r => r.Scenario).Distinct().Order(StringComparer.Ordinal).ToList(),
        };
    }

    private static List<string> Strings(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(x => x.GetString()!).ToList();

    /// <summary>One alert per malicious step of each scenario: its records as evidence, its events' entities.</summary>
    public List<Alert> StepAlerts(string? scenario = null)
    {
        var alerts = new List<Alert>();
        foreach (var step in Records.Where(r => scenario is null || r.Scenario == scenario).GroupBy(r => (r.Scenario, r.Step)))
        {
            var evts = step.Select(r => ById[r.Id]).OrderBy(e => e.Time).ThenBy(e => e.RecordId, StringComparer.Ordinal).ToList();
            var entities = new AlertEntities();
            foreach (var e in evts) entities.UnionWith(EntityExtractor.From(e));
            alerts.Add(new Alert
            {
                Rule = $"truth.{step.Key.Scenario}.{step.Key.Step}",
                Title = step.First().StepName,
                Severity = Severity.Medium,
                Time = evts[^1].Time,
                FirstSeen = evts[0].Time,
                Techniques = step.Select(r => r.Technique).Distinct().Order(StringComparer.Ordinal).ToList(),
                Entities = entities,
                Evidence = evts.Select(e => e.RecordId).ToList(),
            });
        }
        return alerts;
    }

    /// <summary>Alerts on benign events: each the entities of one ordinary event, as a noisy rule would raise. Events of
    /// the scenarios' own users and apps are left out: an alert about the victim is not benign noise, and joining it to
    /// the campaign is right. They still share office IPs, first-party apps and mailboxes with the campaigns.</summary>
    public List<Alert> NoiseAlerts(int count, ulong seed)
    {
        var malicious = Records.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var identities = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in StepAlerts())
        {
            foreach (var n in Daybreak.Correlation.EntityNode.Of(a, id => Daybreak.Correlation.MicrosoftApps.IsCommon(id)))
            {
                if (!n.IsWeak) identities.Add(n.Value);
            }
        }
        bool Involved(AuditEvent e)
        {
            var x = EntityExtractor.From(e);
            return x.Users.Overlaps(identities) || x.UserIds.Overlaps(identities) || x.ServicePrincipals.Overlaps(identities)
                   || x.Apps.Overlaps(identities) || x.Mailboxes.Overlaps(identities);
        }
        var pool = Events.Where(e => !malicious.Contains(e.RecordId) && !Involved(e)).ToList();
        var rng = new Random((int)seed);
        var alerts = new List<Alert>();
        for (var i = 0; i < count && pool.Count > 0; i++)
        {
            var e = pool[rng.Next(pool.Count)];
            alerts.Add(new Alert
            {
                Rule = "noise." + (i % 5), Title = "benign " + e.Operation, Severity = (Severity)(i % 4), Time = e.Time,
                Techniques = [i % 2 == 0 ? "T1078.004" : "T1114.002"], Entities = EntityExtractor.From(e), Evidence = [e.RecordId],
            });
        }
        return alerts;
    }
}

public sealed record TruthRecord(string Id, string Scenario, int Step, string StepName, string Technique, DateTime Time);

public sealed record TruthMailbox(string Scenario, string Owner, List<string> MessageIds, List<string> FoldersSynced,
    List<(DateTime From, DateTime To)> UnknownWindows, DateTime FirstAccess, DateTime LastAccess, List<string> Via);
