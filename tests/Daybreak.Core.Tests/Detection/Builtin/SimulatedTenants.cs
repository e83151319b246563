using System.Diagnostics;
using System.Text.Json;
using Daybreak.Decoders;
using Daybreak.Detection;
using Daybreak.Detection.Builtin;
using Daybreak.Events;
using Daybreak.Simulation;
using Daybreak.Sources;

namespace Daybreak.Tests.Detection.Builtin;

/// <summary>
/// Small simulated tenants run through every built-in detection once per test run: two with all attack scenarios
/// (seeds 1 and 2) and one benign-only (seed 3), each 100 users x 7 days. Holds the alerts and the truth labels.
/// </summary>
public sealed class SimulatedTenants : IDisposable
{
    public const int Users = 100;
    public const int Days = 7;

    public static readonly string[] AttackScenarios = ["midnight-blizzard", "graph-mail-read", "aitm-token-theft", "mfa-fatigue", "consent-phishing", "bec-forwarding"];

    private readonly TempDir _dir = new();

    public IReadOnlyList<TenantRun> Runs { get; }

    public TimeSpan Elapsed { get; }

    public SimulatedTenants()
    {
        var watch = Stopwatch.StartNew();
        Runs = new[] { (1UL, AttackScenarios), (2UL, AttackScenarios), (3UL, new[] { "none" }) }
            .Select(x => Run(x.Item1, x.Item2))
            .ToList();
        Elapsed = watch.Elapsed;
    }

    private TenantRun Run(ulong seed, string[] scenarios)
    {
        var dir = Path.Combine(_dir.Path, $"seed{seed}");
        var watch = Stopwatch.StartNew();
        new TenantSimulator(new SimulationOptions { Users = Users, Days = Days, Seed = seed, Scenarios = scenarios }).Run(dir);
        var simulated = watch.Elapsed;
        var decoder = new FileDecoder(NormaliserRegistry.CreateDefault(), new DecodeOptions());
        var events = new List<AuditEvent>();
        var rejected = 0;
        foreach (var source in InputExpander.Expand([Path.Combine(dir, "logs")]))
            foreach (var r in decoder.Decode(source))
                if (r.Event is { } e) events.Add(e);
                else rejected++;
        // The hunt reads events from the store ordered by time; ties keep file order.
        var ordered = events.Select((e, i) => (e, i)).OrderBy(x => x.e.Time).ThenBy(x => x.i).Select(x => x.e).ToList();
        var decoded = watch.Elapsed;
        var runner = new DetectionRunner(BuiltinDetections.Create(null, Path.Combine(Corpus.RepoRoot, "rules")));
        foreach (var e in ordered) runner.Write(e);
        runner.Flush();
        var detected = watch.Elapsed;
        var truth = Truth.Read(Path.Combine(dir, "truth.json"));
        return new TenantRun(seed, scenarios, ordered.Count, rejected, runner.Alerts.ToList(), runner.Errors.ToList(), truth)
        {
            Phases = $"seed {seed}: simulate {simulated.TotalSeconds:0.0} s, decode {(decoded - simulated).TotalSeconds:0.0} s, detect {(detected - decoded).TotalSeconds:0.0} s",
        };
    }

    public void Dispose() => _dir.Dispose();
}

/// <summary>One simulated tenant's outcome.</summary>
public sealed record TenantRun(ulong Seed, string[] Scenarios, int Events, int Rejected, IReadOnlyList<Alert> Alerts,
    IReadOnlyList<DetectionError> Errors, Truth Truth)
{
    public string Phases { get; init; } = "";
}

/// <summary>The labels of truth.json: malicious record ids (as Daybreak record ids) with their scenario step.</summary>
public sealed class Truth
{
    public required IReadOnlyDictionary<string, (string Scenario, int Step)> Records { get; init; }

    /// <summary>Every (scenario, step) with at least one record.</summary>
    public required IReadOnlyList<(string Scenario, int Step, string Name)> Steps { get; init; }

    public static Truth Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var records = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        var names = new Dictionary<(string, int), string>();
        foreach (var r in doc.RootElement.GetProperty("records").EnumerateArray())
        {
            var id = (r.GetProperty("source").GetString() + ":" + r.GetProperty("id").GetString()).ToLowerInvariant();
            var key = (r.GetProperty("scenario").GetString()!, r.GetProperty("step").GetInt32());
            records[id] = key;
            names.TryAdd(key, r.GetProperty("step_name").GetString() ?? "");
        }
        return new Truth { Records = records, Steps = names.Select(kv => (kv.Key.Item1, kv.Key.Item2, kv.Value)).OrderBy(s => s.Item1).ThenBy(s => s.Item2).ToList() };
    }
}
