using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Daybreak.Correlation;
using Daybreak.Decoders;
using Daybreak.Detection;
using Daybreak.Detection.Builtin;
using Daybreak.Events;
using Daybreak.Pipeline;
using Daybreak.Simulation;
using Daybreak.Sources;

namespace Daybreak.Tests.Quality;

/// <summary>
/// Incident-level quality over a simulated tenant: the real pipeline (simulator → decoders → events in time order →
/// built-in detections → the default correlator and scoper, as <c>daybreak hunt</c> composes them) compared with
/// truth.json. Per attack scenario: how many incidents hold its malicious records (want 1), which steps that incident
/// covers, its blast radius against truth, and for midnight-blizzard the event time from its first mailbox read to high
/// severity. Over the whole run: incidents with no malicious evidence, per 10,000 user-days.
/// </summary>
public static class QualityHarness
{
    public static QualityRun Run(int users, int days, ulong seed, params string[] scenarios)
    {
        using var dir = new TempDir();
        var watch = Stopwatch.StartNew();
        var sim = new TenantSimulator(new SimulationOptions { Users = users, Days = days, Seed = seed, Scenarios = scenarios }).Run(dir.Path);
        var simulated = watch.Elapsed;
        var decoder = new FileDecoder(NormaliserRegistry.CreateDefault(), new DecodeOptions());
        var events = new List<AuditEvent>();
        foreach (var source in InputExpander.Expand([sim.LogsDirectory]))
            foreach (var r in decoder.Decode(source))
                if (r.Event is { } e) events.Add(e);
        // The hunt reads the case back ordered by event time; ties keep file order.
        var ordered = events.Select((e, i) => (e, i)).OrderBy(x => x.e.Time).ThenBy(x => x.i).Select(x => x.e).ToList();
        events.Clear();
        var decoded = watch.Elapsed;
        var components = IncidentComponents.CreateDefault();
        var analysis = new HuntAnalysis(BuiltinDetections.Create(null, Path.Combine(Corpus.RepoRoot, "rules")), components.Correlator, components.Scoper);
        var result = analysis.Run(ordered);
        var hunted = watch.Elapsed;
        var truth = QualityTruth.Read(sim.TruthPath);
        return new QualityRun(users, days, seed, scenarios, ordered.Count, result, truth)
        {
            Phases = $"simulate {simulated.TotalSeconds:0.0} s, decode+sort {(decoded - simulated).TotalSeconds:0.0} s, hunt {(hunted - decoded).TotalSeconds:0.0} s",
        };
    }
}

/// <summary>
/// The same pipeline over a simulator output folder too large to hold in memory (2,000 users x 30 days is 11.6 M
/// records): the simulator writes one file per source and hour, each in time order, so files are decoded hour by hour,
/// each hour's events sorted and fed on, and nothing but the detections', scoper's and correlator's own state is kept.
/// An event earlier than one already fed would break event-time order; such events are counted (expected 0).
/// </summary>
public static partial class StreamingQualityHarness
{
    [GeneratedRegex(@"y=(\d{4})/m=(\d{2})/d=(\d{2})/h=(\d{2})|(\d{4})-(\d{2})-(\d{2})T(\d{2})")]
    private static partial Regex HourOf();

    public static QualityRun Run(string simDir, Action<string>? log = null)
    {
        var watch = Stopwatch.StartNew();
        using var truthDoc = JsonDocument.Parse(File.ReadAllText(Path.Combine(simDir, "truth.json")));
        var gen = truthDoc.RootElement.GetProperty("generator");
        var users = gen.GetProperty("users").GetInt32();
        var days = gen.GetProperty("days").GetInt32();
        var seed = gen.GetProperty("seed").GetUInt64();
        var scenarios = gen.GetProperty("scenarios").EnumerateArray().Select(s => s.GetString()!).ToArray();
        var files = Directory.EnumerateFiles(Path.Combine(simDir, "logs"), "*", SearchOption.AllDirectories)
            .Select(f => (File: f, Hour: Hour(f))).GroupBy(f => f.Hour).OrderBy(g => g.Key).ToList();
        var decoder = new FileDecoder(NormaliserRegistry.CreateDefault(), new DecodeOptions());
        var components = IncidentComponents.CreateDefault();
        var analysis = new HuntAnalysis(BuiltinDetections.Create(null, Path.Combine(Corpus.RepoRoot, "rules")), components.Correlator, components.Scoper);
        var session = analysis.Start();
        var last = DateTime.MinValue;
        long late = 0, count = 0;
        var carry = new List<AuditEvent>();
        foreach (var hour in files)
        {
            var batch = carry;
            carry = [];
            foreach (var source in InputExpander.Expand(hour.Select(h => h.File).ToArray()))
                foreach (var r in decoder.Decode(source))
                    if (r.Event is { } e) batch.Add(e);
            // Events past this hour wait for the next one (a file's records may spill over its hour).
            var end = hour.Key.AddHours(1);
            foreach (var e in batch.Select((e, i) => (e, i)).OrderBy(x => x.e.Time).ThenBy(x => x.i).Select(x => x.e))
            {
                if (e.Time >= end) { carry.Add(e); continue; }
                if (e.Time < last) late++;
                else last = e.Time;
                e.Raw = "";
                session.Observe(e);
                count++;
            }
            if (hour.Key.Hour == 0) log?.Invoke($"{hour.Key:yyyy-MM-dd}: {count:N0} events, {watch.Elapsed.TotalMinutes:0.0} min, late {late}, GC heap {GC.GetTotalMemory(false) / 1_000_000:N0} MB");
        }
        foreach (var e in carry.OrderBy(e => e.Time)) { session.Observe(e); count++; }
        var result = session.Complete();
        return new QualityRun(users, days, seed, scenarios, (int)count, result, QualityTruth.Read(Path.Combine(simDir, "truth.json")))
        {
            Phases = $"decode+hunt streamed hour by hour {watch.Elapsed.TotalMinutes:0.0} min, {late} events out of order",
        };
    }

    private static DateTime Hour(string path)
    {
        var m = HourOf().Match(path.Replace('\\', '/'));
        if (!m.Success) return DateTime.MinValue;
        int G(int a, int b) => int.Parse(m.Groups[a].Success ? m.Groups[a].Value : m.Groups[b].Value, CultureInfo.InvariantCulture);
        return new DateTime(G(1, 5), G(2, 6), G(3, 7), G(4, 8), 0, 0, DateTimeKind.Utc);
    }
}

/// <summary>The outcome of one run, scored against truth.</summary>
public sealed record QualityRun(int Users, int Days, ulong Seed, string[] Scenarios, int Events, HuntResult Result, QualityTruth Truth)
{
    public string Phases { get; init; } = "";

    public double UserDays => (double)Users * Days;

    /// <summary>Incidents none of whose alerts has a malicious record as evidence.</summary>
    public IReadOnlyList<Incident> FalseIncidents =>
        Result.Incidents.Where(i => !i.Alerts.SelectMany(a => a.Evidence).Any(Truth.Records.ContainsKey)).ToList();

    public double FalsePer10k => FalseIncidents.Count * 10_000.0 / UserDays;

    /// <summary>Scenarios that are one campaign in the logs when run together, so they must merge and their blast radius
    /// is scored against their union: truth.json's incidents share a user or an app (midnight-blizzard and graph-mail-read
    /// run through the same legacy account and app; in a small tenant two scenarios can pick the same victim).</summary>
    public IReadOnlyList<(string A, string B)> Together => Truth.SharedIdentity;

    public IReadOnlyList<ScenarioScore> Scores => Truth.Scenarios.Select(Score).ToList();

    public ScenarioScore Score(string scenario)
    {
        var steps = Truth.Steps.Where(s => s.Scenario == scenario).Select(s => s.Step).ToHashSet();
        var holding = Result.Incidents
            .Where(i => i.Alerts.SelectMany(a => a.Evidence).Any(id => Truth.Records.TryGetValue(id, out var r) && r.Scenario == scenario))
            .ToList();
        var main = holding.OrderByDescending(i => StepsOf(i, scenario).Count).ThenBy(i => i.FirstSeen).FirstOrDefault();
        var covered = main is null ? [] : StepsOf(main, scenario);
        // Scenarios whose records share the incident: midnight-blizzard and graph-mail-read run through the same legacy
        // account and app at the same instants, so run together they are one campaign in the logs and must merge.
        var with = main is null ? [] : main.Alerts.SelectMany(a => a.Evidence).Where(Truth.Records.ContainsKey).Select(id => Truth.Records[id].Scenario)
            .Where(s => s != scenario).Distinct().Order(StringComparer.Ordinal).ToList();
        var partners = with.Where(s => Together.Contains((scenario, s))).Append(scenario).ToHashSet(StringComparer.Ordinal);

        // Blast radius of every incident holding the scenario, against the scenario's truth mailboxes.
        var truthIds = Truth.Mailboxes.Where(m => partners.Contains(m.Scenario)).SelectMany(m => m.MessageIds.Select(id => (m.Owner, id))).ToHashSet();
        var truthFolders = Truth.Mailboxes.Where(m => partners.Contains(m.Scenario)).SelectMany(m => m.FoldersSynced.Select(f => (m.Owner, f))).ToHashSet();
        var truthWindows = Truth.Mailboxes.Where(m => partners.Contains(m.Scenario)).SelectMany(m => m.UnknownWindows.Select(w => (m.Owner, w.From))).ToHashSet();
        var truthOwners = Truth.Mailboxes.Where(m => partners.Contains(m.Scenario)).Select(m => m.Owner).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var gotMailboxes = holding.SelectMany(i => i.BlastRadius.Mailboxes).ToList();
        var gotIds = gotMailboxes.SelectMany(m => m.MessageIds.Select(id => (m.Owner, id))).ToHashSet();
        var gotFolders = gotMailboxes.SelectMany(m => m.FoldersSynced.Select(f => (m.Owner, f))).ToHashSet();
        var gotWindows = gotMailboxes.SelectMany(m => m.UnknownWindows.Select(w => (m.Owner, Seconds(w.From)))).ToHashSet();
        var gotOwners = gotMailboxes.Select(m => m.Owner).ToHashSet(StringComparer.OrdinalIgnoreCase);

        TimeSpan? toHigh = null;
        DateTime? firstRead = Truth.Mailboxes.Where(m => partners.Contains(m.Scenario)).Select(m => (DateTime?)m.FirstAccess).Min();
        if (main is not null && HighAt(main) is { } high && firstRead is { } fr) toHigh = high - Seconds(fr);

        return new ScenarioScore(scenario, holding.Count, with, covered.Count, steps.Count, steps.Except(covered).Order().ToList(), main?.Severity,
            Ratio(gotIds.Count(truthIds.Contains), gotIds.Count), Ratio(gotIds.Count(truthIds.Contains), truthIds.Count),
            gotOwners.Count, truthOwners.Count, gotOwners.Count(truthOwners.Contains),
            (gotFolders.Count(truthFolders.Contains), gotFolders.Count, truthFolders.Count),
            (gotWindows.Count(w => truthWindows.Contains((w.Owner, w.Item2))), gotWindows.Count, truthWindows.Count),
            toHigh, main);
    }

    private HashSet<int> StepsOf(Incident incident, string scenario) => incident.Alerts.SelectMany(a => a.Evidence)
        .Select(id => Truth.Records.TryGetValue(id, out var r) ? r : default).Where(r => r.Scenario == scenario).Select(r => r.Step).ToHashSet();

    /// <summary>Event time at which the incident's chain first reached high severity, replaying its alerts in time order.</summary>
    public static DateTime? HighAt(Incident incident)
    {
        var score = new ChainSeverity(new EntityGraphCorrelatorOptions());
        foreach (var a in incident.Alerts.OrderBy(a => a.Time).ThenBy(a => a.Id, StringComparer.Ordinal))
            if (score.Add(a) >= Severity.High) return a.Time;
        return null;
    }

    private static double? Ratio(int a, int b) => b == 0 ? null : (double)a / b;

    private static DateTime Seconds(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    public string Table()
    {
        var sb = new StringBuilder();
        var label = Scenarios.Length == 1 ? Scenarios[0] : "all";
        sb.AppendLine(CultureInfo.InvariantCulture, $"### {Users} users x {Days} days, seed {Seed}, scenarios: {string.Join(",", Scenarios)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"{Events:N0} events, {Result.Alerts.Count} alerts, {Result.Incidents.Count} incidents, {FalseIncidents.Count} false ({FalsePer10k:0.#} per 10k user-days); {Phases}");
        sb.AppendLine();
        sb.AppendLine("| run | scenario | incidents | merged with | steps covered | severity | mailboxes (found/true/both) | msg-id precision | msg-id recall | folders synced (ok/got/true) | throttled windows (ok/got/true) | first read → high |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var s in Scores)
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {label} | {s.Scenario} | {s.Incidents} | {(s.MergedWith.Count == 0 ? "–" : string.Join(", ", s.MergedWith))} | {s.StepsCovered}/{s.Steps}{(s.Missing.Count > 0 ? " (missing " + string.Join(",", s.Missing) + ")" : "")} | {s.Severity?.ToString() ?? "–"} | " +
                $"{s.MailboxesFound}/{s.MailboxesTrue}/{s.MailboxesBoth} | {F(s.IdPrecision)} | {F(s.IdRecall)} | {s.Folders.Ok}/{s.Folders.Got}/{s.Folders.True} | {s.Windows.Ok}/{s.Windows.Got}/{s.Windows.True} | {(s.ToHigh is { } t ? Span(t) : "–")} |");
        }
        if (Scores.Count == 0) sb.AppendLine(CultureInfo.InvariantCulture, $"| {label} | (benign) | – | – | – | – | – | – | – | – | – | – |");
        foreach (var i in FalseIncidents.Take(15))
            sb.AppendLine(CultureInfo.InvariantCulture, $"- false: {i.Severity} {i.FirstSeen:u} {i.Title} [{string.Join(", ", i.Alerts.Select(a => a.Rule).Distinct())}]");
        if (Environment.GetEnvironmentVariable("DAYBREAK_QUALITY_VERBOSE") is { Length: > 0 }) sb.Append(Details());
        return sb.ToString();
    }

    /// <summary>Every incident with its alerts, their truth steps and join entities: for finding out why a run scores as it does.</summary>
    public string Details()
    {
        var sb = new StringBuilder();
        foreach (var i in Result.Incidents)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"* {i.Id} {i.Severity} {i.FirstSeen:u}..{i.LastSeen:u} detected {i.DetectedAt:u}: {i.Title}; mailboxes {i.BlastRadius.Mailboxes.Count}");
            var truthOwners = Truth.Mailboxes.Select(m => m.Owner).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var m in i.BlastRadius.Mailboxes)
                sb.AppendLine(CultureInfo.InvariantCulture, $"    = {m.Owner}{(truthOwners.Contains(m.Owner) ? "" : " (not in truth)")}: {m.MessageIds.Count} ids, synced [{string.Join(",", m.FoldersSynced)}], via [{string.Join(",", m.Via)}], {m.FirstAccess:u}..{m.LastAccess:u}");
            foreach (var a in i.Alerts.OrderBy(a => a.Time))
            {
                var steps = a.Evidence.Where(Truth.Records.ContainsKey).Select(id => Truth.Records[id]).Distinct().Select(r => r.Scenario + "#" + r.Step);
                var e = a.Entities;
                sb.AppendLine(CultureInfo.InvariantCulture, $"    - {a.Time:u} {a.Severity} {a.Rule} \"{a.Title}\" truth[{string.Join(",", steps)}] users[{string.Join(",", e.Users)}] uids[{string.Join(",", e.UserIds)}] apps[{string.Join(",", e.Apps)}] sps[{string.Join(",", e.ServicePrincipals)}] keys[{string.Join(",", e.CredentialKeyIds)}] ips[{string.Join(",", e.Ips.Take(4))}{(e.Ips.Count > 4 ? ",+" + (e.Ips.Count - 4) : "")}] mbx[{e.Mailboxes.Count}]");
            }
        }
        return sb.ToString();
    }

    private static string F(double? x) => x is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "–";

    private static string Span(TimeSpan t) => t < TimeSpan.Zero ? "before (" + (-t).ToString(@"d\.hh\:mm", CultureInfo.InvariantCulture) + ")" : t.ToString(@"d\.hh\:mm", CultureInfo.InvariantCulture);
}

public sealed record ScenarioScore(string Scenario, int Incidents, IReadOnlyList<string> MergedWith, int StepsCovered, int Steps, IReadOnlyList<int> Missing, Severity? Severity,
    double? IdPrecision, double? IdRecall, int MailboxesFound, int MailboxesTrue, int MailboxesBoth,
    (int Ok, int Got, int True) Folders, (int Ok, int Got, int True) Windows, TimeSpan? ToHigh, Incident? Main);

/// <summary>truth.json as the harness needs it.</summary>
public sealed class QualityTruth
{
    public required IReadOnlyDictionary<string, (string Scenario, int Step)> Records { get; init; }

    public required IReadOnlyList<(string Scenario, int Step)> Steps { get; init; }

    public required IReadOnlyList<string> Scenarios { get; init; }

    /// <summary>Ordered pairs of scenarios whose truth incidents name a common user or app.</summary>
    public required IReadOnlyList<(string A, string B)> SharedIdentity { get; init; }

    public required IReadOnlyList<(string Scenario, string Owner, List<string> MessageIds, List<string> FoldersSynced, List<(DateTime From, DateTime To)> UnknownWindows, DateTime FirstAccess)> Mailboxes { get; init; }

    public static QualityTruth Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        var records = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        foreach (var r in root.GetProperty("records").EnumerateArray())
            records[(r.GetProperty("source").GetString() + ":" + r.GetProperty("id").GetString()).ToLowerInvariant()] = (r.GetProperty("scenario").GetString()!, r.GetProperty("step").GetInt32());
        static List<string> Strings(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(x => x.GetString()!).ToList();
        var mailboxes = root.GetProperty("mailboxes").EnumerateArray().Select(m => (
            m.GetProperty("scenario").GetString()!, m.GetProperty("owner").GetString()!.ToLowerInvariant(),
            Strings(m, "message_ids"), Strings(m, "folders_synced"),
            m.GetProperty("unknown_windows").EnumerateArray().Select(w => (Sec(w.GetProperty("from").GetDateTime()), Sec(w.GetProperty("to").GetDateTime()))).ToList(),
            m.GetProperty("first_access").GetDateTime().ToUniversalTime())).ToList();
        var identities = root.GetProperty("incidents").EnumerateArray().Select(i => (
            Scenario: i.GetProperty("scenario").GetString()!,
            Ids: Strings(i.GetProperty("entities"), "users").Concat(Strings(i.GetProperty("entities"), "apps")).Select(x => x.ToLowerInvariant()).ToHashSet())).ToList();
        var shared = identities.SelectMany(a => identities.Where(b => b.Scenario != a.Scenario && a.Ids.Overlaps(b.Ids)).Select(b => (a.Scenario, b.Scenario))).Distinct().ToList();
        var steps = records.Values.Distinct().OrderBy(s => s.Item1, StringComparer.Ordinal).ThenBy(s => s.Item2).ToList();
        return new QualityTruth
        {
            Records = records, Steps = steps, Mailboxes = mailboxes, SharedIdentity = shared,
            Scenarios = steps.Select(s => s.Item1).Distinct().Order(StringComparer.Ordinal).ToList(),
        };
    }

    private static DateTime Sec(DateTime t)
    {
        t = t.ToUniversalTime();
        return new DateTime(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }
}
