using System.Text;
using Daybreak.Detection;
using Daybreak.Rules.Sigma;
using Xunit.Abstractions;

namespace Daybreak.Tests.Detection.Builtin;

/// <summary>
/// Precision and recall of every built-in detection on simulated tenants (docs/detections.md holds the measured table).
/// An alert is a true positive when one of its evidence ids is a malicious record of truth.json; a scenario step is
/// recalled when one of its records is in some alert's evidence.
/// </summary>
public sealed class BuiltinSimulatorPrecisionTests(SimulatedTenants tenants, ITestOutputHelper output) : IClassFixture<SimulatedTenants>
{
    /// <summary>False-positive alerts allowed over the benign-only tenant (100 users x 7 days = 700 user-days).</summary>
    public const int MaxFalsePositivesOnNone = 5;

    [Fact]
    public void Simulated_tenants_decode_and_run_without_detection_errors()
    {
        Assert.All(tenants.Runs, r => Assert.Equal(0, r.Rejected));
        Assert.All(tenants.Runs, r => Assert.Empty(r.Errors));
        Assert.All(tenants.Runs, r => Assert.True(r.Events > 50_000, $"seed {r.Seed}: only {r.Events} events"));
    }

    [Fact]
    public void Every_attack_step_of_every_scenario_is_covered_by_a_detection()
    {
        var missed = new List<string>();
        foreach (var run in tenants.Runs.Where(r => !r.Scenarios.Contains("none")))
        {
            var covered = Covered(run, run.Alerts);
            missed.AddRange(run.Truth.Steps.Where(s => !covered.Contains((s.Scenario, s.Step))).Select(s => $"seed {run.Seed}: {s.Scenario} step {s.Step} ({s.Name})"));
            Assert.Equal(SimulatedTenants.AttackScenarios.Order(), run.Truth.Steps.Select(s => s.Scenario).Distinct().Order());
        }
        Assert.Empty(missed);
    }

    [Fact]
    public void False_positives_on_the_benign_tenant_stay_within_the_bound()
    {
        var none = tenants.Runs.Single(r => r.Scenarios.Contains("none"));
        Assert.Empty(none.Truth.Records);
        var fps = none.Alerts.Select(a => $"{Name(a.Rule)} {a.Time:u} {a.Description}").ToList();
        foreach (var fp in fps) output.WriteLine("FP on none: " + fp);
        Assert.True(fps.Count <= MaxFalsePositivesOnNone, $"{fps.Count} false positives on the benign tenant:\n" + string.Join("\n", fps));
    }

    [Fact]
    public void Precision_and_recall_per_detection_are_reported()
    {
        var table = Table();
        output.WriteLine(table);
        foreach (var r in tenants.Runs) output.WriteLine(r.Phases);
        output.WriteLine($"(fixture: {tenants.Runs.Sum(r => r.Events):N0} events in {tenants.Elapsed.TotalSeconds:0.0} s)");
        Assert.Contains("builtin.password-spray", table);
    }

    private string Table()
    {
        var attack = tenants.Runs.Where(r => !r.Scenarios.Contains("none")).ToList();
        var none = tenants.Runs.Single(r => r.Scenarios.Contains("none"));
        var rules = tenants.Runs.SelectMany(r => r.Alerts).Select(a => a.Rule).Distinct().OrderBy(Name, StringComparer.Ordinal).ToList();
        var totalSteps = attack.Sum(r => r.Truth.Steps.Count);
        var sb = new StringBuilder();
        sb.AppendLine($"| detection | alerts | TP | FP | precision | FP on none | steps recalled (of {totalSteps}, seeds 1+2) |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var rule in rules)
        {
            var alerts = attack.SelectMany(r => r.Alerts.Where(a => a.Rule == rule).Select(a => (r, a))).ToList();
            var tp = alerts.Count(x => x.a.Evidence.Any(x.r.Truth.Records.ContainsKey));
            var fp = alerts.Count - tp;
            var fpNone = none.Alerts.Count(a => a.Rule == rule);
            var steps = attack.SelectMany(r => Covered(r, r.Alerts.Where(a => a.Rule == rule)).Select(s => (r.Seed, s.Scenario, s.Step))).ToList();
            var stepNames = steps.Select(s => $"{Short(s.Scenario)}{s.Step}").Distinct().Order(StringComparer.Ordinal);
            var precision = alerts.Count == 0 ? "–" : $"{(double)tp / alerts.Count:0.00}";
            sb.AppendLine($"| {Name(rule)} | {alerts.Count} | {tp} | {fp} | {precision} | {fpNone} | {steps.Count}: {string.Join(" ", stepNames)} |");
        }
        var all = attack.SelectMany(r => r.Alerts.Select(a => (r, a))).ToList();
        var allTp = all.Count(x => x.a.Evidence.Any(x.r.Truth.Records.ContainsKey));
        var allSteps = attack.Sum(r => Covered(r, r.Alerts).Count);
        sb.AppendLine($"| **all** | {all.Count} | {allTp} | {all.Count - allTp} | {(double)allTp / Math.Max(1, all.Count):0.00} | {none.Alerts.Count} | {allSteps} of {totalSteps} |");
        return sb.ToString();
    }

    private static HashSet<(string Scenario, int Step)> Covered(TenantRun run, IEnumerable<Alert> alerts) =>
        alerts.SelectMany(a => a.Evidence).Where(run.Truth.Records.ContainsKey).Select(id => run.Truth.Records[id]).ToHashSet();

    private static string Short(string scenario) => scenario switch
    {
        "midnight-blizzard" => "MB",
        "graph-mail-read" => "GM",
        "aitm-token-theft" => "AiTM",
        "mfa-fatigue" => "MFA",
        "consent-phishing" => "CP",
        "bec-forwarding" => "BEC",
        _ => scenario,
    };

    private static readonly Lazy<IReadOnlyDictionary<string, string>> SigmaNames = new(() =>
        SigmaEngine.CreateBuilder().AddDirectory(Path.Combine(Corpus.RepoRoot, "rules")).Build().Rules
            .ToDictionary(r => r.Id, r => "sigma." + (r.Name ?? r.Id).Replace("daybreak_", "", StringComparison.Ordinal)));

    private static string Name(string rule) => SigmaNames.Value.TryGetValue(rule, out var n) ? n : rule;
}
