using Daybreak.Correlation;
using Daybreak.Detection;
using Daybreak.Pipeline;
using Daybreak.Scoping;
using Daybreak.Tests.Correlation.Support;
using Xunit.Abstractions;

namespace Daybreak.Tests.Correlation;

/// <summary>
/// End to end over the simulator: alerts built from truth (one per malicious step) plus benign noise alerts go through
/// the hunt analysis with the default correlator and scoper; each scenario must come out as exactly one incident
/// holding all its steps, and its blast radius must equal truth.json's mailboxes.
/// </summary>
public sealed class SimulatedScenarioTests(ITestOutputHelper output)
{
    private const int Users = 60;
    private const int Days = 10;
    private const ulong Seed = 7;

    /// <summary>midnight-blizzard and graph-mail-read both run through the same legacy test account and legacy OAuth app
    /// (org.LegacyTestAccount / org.LegacyTestApp), sprayed and taken over at the same instants: run together they are one
    /// campaign in the logs, and any correlator joining through app ids and service principals must merge them.</summary>
    private static readonly string[][] Together = [["midnight-blizzard", "graph-mail-read"]];

    private static readonly string[] AllScenarios = ["midnight-blizzard", "graph-mail-read", "aitm-token-theft", "mfa-fatigue", "consent-phishing", "bec-forwarding"];

    public static TheoryData<string> Scenarios => new(AllScenarios);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Each_scenario_alone_is_one_incident_with_the_truth_blast_radius(string scenario)
    {
        var sim = SimulatedCase.Get(Users, Days, Seed, scenario);
        Check(sim, [scenario]);
    }

    [Fact]
    public void All_scenarios_in_one_run_stay_apart_and_keep_their_blast_radius()
    {
        var sim = SimulatedCase.Get(Users, Days, Seed, AllScenarios);
        Check(sim, AllScenarios);
    }

    private void Check(SimulatedCase sim, string[] scenarios)
    {
        var steps = sim.StepAlerts();
        var noise = sim.NoiseAlerts(300, 11);
        var components = IncidentComponents.CreateDefault();
        var analysis = new HuntAnalysis([new ReplayDetection(steps.Concat(noise))], components.Correlator, components.Scoper);
        var result = analysis.Run(sim.Events);
        output.WriteLine($"events {result.Events}, alerts {result.Alerts.Count}, incidents {result.Incidents.Count}, kept mail reads {components.Mail.Kept}");

        foreach (var scenario in scenarios)
        {
            var mine = steps.Where(a => a.Rule.StartsWith($"truth.{scenario}.", StringComparison.Ordinal)).Select(a => a.Id).ToHashSet();
            Assert.NotEmpty(mine);
            var holding = result.Incidents.Where(i => i.Alerts.Any(a => mine.Contains(a.Id))).ToList();
            var incident = Assert.Single(holding);
            Assert.Superset(mine, incident.Alerts.Select(a => a.Id).ToHashSet());
            var partners = Together.FirstOrDefault(t => t.Contains(scenario) && t.All(scenarios.Contains)) ?? [scenario];
            var foreign = incident.Alerts.Where(a => a.Rule.StartsWith("truth.", StringComparison.Ordinal) && !partners.Any(p => a.Rule.StartsWith($"truth.{p}.", StringComparison.Ordinal))).ToList();
            Assert.Empty(foreign);
            output.WriteLine($"{scenario}: {incident.Id} {incident.Severity} steps {mine.Count}/{incident.Steps.Count} dwell {incident.Dwell} detected {incident.DetectedAt:o}");
            output.WriteLine($"   {incident.Title}");

            var truth = sim.Mailboxes.Where(m => partners.Contains(m.Scenario)).GroupBy(m => m.Owner).ToDictionary(g => g.Key, g => g.ToList());
            var got = incident.BlastRadius.Mailboxes.ToDictionary(m => m.Owner);
            Assert.Equal(truth.Keys.Order(StringComparer.Ordinal), got.Keys.Order(StringComparer.Ordinal));
            // The title counts what the blast radius found, never fewer mailboxes than the report will list.
            if (got.Count > 0) Assert.Contains($"({got.Count} mailbox{(got.Count == 1 ? "" : "es")} reached", incident.Title);
            foreach (var (owner, expected) in truth)
            {
                var x = got[owner];
                var ids = expected.SelectMany(m => m.MessageIds).ToHashSet(StringComparer.Ordinal);
                var tp = x.MessageIds.Count(ids.Contains);
                var precision = x.MessageIds.Count == 0 ? 1.0 : (double)tp / x.MessageIds.Count;
                var recall = ids.Count == 0 ? 1.0 : (double)tp / ids.Count;
                output.WriteLine($"   {owner}: ids {x.MessageIds.Count}/{ids.Count} precision {precision:0.###} recall {recall:0.###} synced [{string.Join(",", x.FoldersSynced)}] unknown {x.UnknownWindows.Count} via [{string.Join(",", x.Via)}]");
                Assert.Equal(1.0, precision);
                Assert.Equal(1.0, recall);
                Assert.Equal(expected.SelectMany(m => m.FoldersSynced).Distinct().Order(StringComparer.Ordinal), x.FoldersSynced);
                Assert.Equal(expected.SelectMany(m => m.UnknownWindows).OrderBy(w => w.From).ToList(), x.UnknownWindows.Select(w => (w.From, w.To)).ToList());
                // truth.json keeps ticks, the UAL records it wrote keep whole seconds: compare at the logs' precision.
                Assert.Equal(Seconds(expected.Min(m => m.FirstAccess)), Seconds(x.FirstAccess));
                Assert.Equal(Seconds(expected.Max(m => m.LastAccess)), Seconds(x.LastAccess));
                Assert.Equal(expected.SelectMany(m => m.Via).Distinct().Order(StringComparer.Ordinal), x.Via);
            }
        }
    }

    private static DateTime Seconds(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    /// <summary>Raises prepared alerts, each when the stream reaches its time: stands in for detections.</summary>
    private sealed class ReplayDetection(IEnumerable<Alert> alerts) : IDetection
    {
        private readonly Queue<Alert> _pending = new(alerts.OrderBy(a => a.Time));

        public string Name => "replay";

        public void Observe(Daybreak.Events.AuditEvent evt, IAlertSink sink)
        {
            while (_pending.Count > 0 && _pending.Peek().Time <= evt.Time) sink.Raise(_pending.Dequeue());
        }

        public void Flush(IAlertSink sink)
        {
            while (_pending.Count > 0) sink.Raise(_pending.Dequeue());
        }
    }
}
