using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Daybreak.Detection;
using Daybreak.Detection.Sigma;
using Daybreak.Events;
using Daybreak.Simulation;
using Xunit.Abstractions;

namespace Daybreak.Tests.Detection.Sigma;

/// <summary>
/// Issue 4's quality-bar check for broken mappings: every SigmaHQ cloud rule runs over the real corpus logs and over a
/// small simulated tenant with every scenario; which rules fire, on which records, and how many alerts fall on
/// truth-labelled malicious records, goes to the test output and docs/sigma-firing.md. The rules named below must fire.
/// </summary>
public sealed class SigmaFiringReportTests(ITestOutputHelper output)
{
    private static readonly string[] CorpusLogs = ["elastic-integrations", "azure-sentinel", "otrf-security-datasets"];

    /// <summary>Rules that must fire on the corpus: (rule id, title) -- each stands for one mapping path.</summary>
    private static readonly (string Id, string Title)[] MustFireOnCorpus =
    [
        ("cbb67ecc-fb70-4467-9350-c910bdf7c628", "Added Credentials to Existing Application (otrf AuditLogs, Log Analytics)"),
        ("a6355fbe-f36f-45d8-8efc-ab42465cbc52", "Delegated Permissions Granted For All Users (otrf AuditLogs)"),
        ("d3577be1-42c9-44a7-b56e-2e8de97349d3", "Inbox Rules Creation Or Update Activity in O365 (Sentinel OfficeActivity CSV)"),
        ("4d136857-6a1a-432a-82fc-5dd497ee5e7c", "Sign-ins by Unknown Devices (Sentinel SigninLogs CSV: X_dynamic columns)"),
    ];

    /// <summary>Rules that must fire on the simulation.</summary>
    private static readonly (string Id, string Title)[] MustFireOnSimulation =
    [
        ("cbb67ecc-fb70-4467-9350-c910bdf7c628", "Added Credentials to Existing Application"),
        ("74298991-9fc4-460e-a92e-511aa60baec1", "Added Owner To Application"),
        ("0ddcff6d-d262-40b0-804b-80eb592de8e3", "Azure Service Principal Created"),
        ("9b2cc4c4-2ad4-416d-8e8e-ee6aa6f5035a", "End User Consent (modified property, unquoted)"),
        ("ebbeb024-5b1d-4e16-9c0c-917f86c708a7", "User Added to an Administrator's Azure AD Role"),
        ("2b7d6fc0-71ac-4cf7-8ed1-b5788ee5257a", "Account Lockout"),
        ("28eea407-28d7-4e42-b0be-575d5ba60b2c", "Azure AD Only Single Factor Authentication Required"),
        ("5496ff55-42ec-4369-81cb-00f417029e25", "Multifactor Authentication Interrupted (mfa-fatigue)"),
        ("d3577be1-42c9-44a7-b56e-2e8de97349d3", "Inbox Rules Creation Or Update Activity in O365 (bec-forwarding, aitm)"),
        ("c726e007-2cd0-4a55-abfb-79730fbedee5", "Mail Forwarding/Redirecting Activity In O365"),
    ];

    [SkippableFact]
    public void Every_SigmaHQ_cloud_rule_runs_over_the_corpus_and_a_simulated_tenant()
    {
        var sigmaRoot = Corpus.RequireCorpus("sigma");
        var corpusDirs = CorpusLogs.Select(Corpus.RequireCorpus).ToArray();
        var watch = Stopwatch.StartNew();
        var ruleDirs = CommunitySigma.CloudRuleDirectories(sigmaRoot);

        var corpus = Run(ruleDirs, CommunityTestKit.DecodeFiles(corpusDirs), truth: null);

        using var dir = new TempDir();
        var options = new SimulationOptions
        {
            Users = 20, Days = 2, Seed = 1, Scenarios = TenantSimulator.ScenarioNames.Where(n => n != "none").ToList(), Formats = [OutputFormat.Mixed],
        };
        var result = new TenantSimulator(options).Run(dir.Path);
        var simulation = Run(ruleDirs, CommunityTestKit.DecodeFiles([result.LogsDirectory]), Truth(result.TruthPath));

        var report = Report(corpus, simulation, options, ruleDirs.Select(d => Path.GetRelativePath(sigmaRoot, d)));
        output.WriteLine(report);
        output.WriteLine($"{watch.Elapsed.TotalSeconds:F1}s");
        File.WriteAllText(Path.Combine(Corpus.RepoRoot, "docs", "sigma-firing.md"), report);

        Assert.Empty(corpus.Errors);
        Assert.Empty(simulation.Errors);
        foreach (var (id, title) in MustFireOnCorpus) Assert.True(corpus.ByRule.ContainsKey(id), $"expected on the corpus: {title} ({id})");
        foreach (var (id, title) in MustFireOnSimulation) Assert.True(simulation.ByRule.ContainsKey(id), $"expected on the simulation: {title} ({id})");
    }

    private sealed record RuleFiring(string Title, List<Alert> Alerts, SortedSet<string> Formats, int Malicious);

    private sealed record FiringRun(int Events, IReadOnlyDictionary<string, RuleFiring> ByRule, IReadOnlyList<string> Errors, int Rules, int MaliciousRecords);

    private static FiringRun Run(IReadOnlyList<string> ruleDirs, IReadOnlyList<AuditEvent> events, HashSet<string>? truth)
    {
        var set = CommunitySigma.Create(ruleDirs, CommunityTestKit.MappingsDir);
        var runner = new DetectionRunner([set.Detection]);
        var formats = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var evt in events.OrderBy(e => e.Time))
        {
            formats[evt.RecordId] = evt.Format;
            runner.Write(evt);
        }
        runner.Flush();
        var byRule = new Dictionary<string, RuleFiring>(StringComparer.Ordinal);
        foreach (var alert in runner.Alerts)
        {
            if (!byRule.TryGetValue(alert.Rule, out var firing)) byRule[alert.Rule] = firing = new RuleFiring(alert.Title, [], [], 0);
            firing.Alerts.Add(alert);
            foreach (var id in alert.Evidence) if (formats.TryGetValue(id, out var f)) firing.Formats.Add(f);
            if (truth is not null && alert.Evidence.Any(id => truth.Contains(Bare(id))))
                byRule[alert.Rule] = firing = firing with { Malicious = firing.Malicious + 1 };
        }
        var errors = runner.Errors.Select(e => $"{e.Detection}: {e.FirstError}").Concat(set.Report.Errors.Select(e => e.ToString())).ToList();
        var malicious = truth is null ? 0 : events.Count(e => truth.Contains(Bare(e.RecordId)));
        return new FiringRun(events.Count, byRule, errors, set.Coverage.Rules.Count, malicious);
    }

    /// <summary>Record ids are "source:id" in lower case; truth.json has the source's own id.</summary>
    private static string Bare(string recordId) => recordId[(recordId.IndexOf(':') + 1)..].ToLowerInvariant();

    private static HashSet<string> Truth(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("records").EnumerateArray()
            .Select(r => r.GetProperty("id").GetString()!.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
    }

    private static string Report(FiringRun corpus, FiringRun simulation, SimulationOptions options, IEnumerable<string> ruleDirs)
    {
        var md = new StringBuilder();
        md.AppendLine("# SigmaHQ rules that fire");
        md.AppendLine();
        md.AppendLine("Written by `SigmaFiringReportTests` (tests/Daybreak.Core.Tests/Detection/Sigma). Every SigmaHQ cloud rule");
        md.AppendLine($"(`{string.Join("`, `", ruleDirs)}`) runs through `mappings/` over the corpus logs and over a simulated tenant;");
        md.AppendLine("a rule that should fire and does not points at a broken mapping. Which rules can fire at all: `sigma-coverage.md`.");
        md.AppendLine();
        Section(md, $"Corpus ({string.Join(", ", CorpusLogs)}): {corpus.Events} records, {corpus.Rules} rules", corpus, withTruth: false);
        Section(md, string.Create(CultureInfo.InvariantCulture,
            $"Simulation ({options.Users} users, {options.Days} days, seed {options.Seed}, formats mixed, scenarios {string.Join(", ", options.Scenarios)}): {simulation.Events} records, {simulation.MaliciousRecords} malicious"), simulation, withTruth: true);
        return md.ToString();
    }

    private static void Section(StringBuilder md, string heading, FiringRun run, bool withTruth)
    {
        md.AppendLine("## " + heading);
        md.AppendLine();
        md.AppendLine(withTruth ? "| rule | id | alerts | on malicious records | on benign records | formats |" : "| rule | id | alerts | formats |");
        md.AppendLine(withTruth ? "|---|---|---:|---:|---:|---|" : "|---|---|---:|---|");
        foreach (var (id, f) in run.ByRule.OrderBy(r => r.Value.Title, StringComparer.Ordinal))
        {
            md.AppendLine(withTruth
                ? string.Create(CultureInfo.InvariantCulture, $"| {f.Title} | `{id}` | {f.Alerts.Count} | {f.Malicious} | {f.Alerts.Count - f.Malicious} | {string.Join(", ", f.Formats)} |")
                : string.Create(CultureInfo.InvariantCulture, $"| {f.Title} | `{id}` | {f.Alerts.Count} | {string.Join(", ", f.Formats)} |"));
        }
        if (withTruth)
        {
            var total = run.ByRule.Values.Sum(f => f.Alerts.Count);
            var malicious = run.ByRule.Values.Sum(f => f.Malicious);
            md.AppendLine();
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{total} alerts from {run.ByRule.Count} rules: {malicious} on truth-labelled malicious records, {total - malicious} on benign records."));
        }
        md.AppendLine();
        md.AppendLine("Records that raised them (first 3 per rule):");
        md.AppendLine();
        foreach (var (id, f) in run.ByRule.OrderBy(r => r.Value.Title, StringComparer.Ordinal))
            md.AppendLine($"- {f.Title}: {string.Join(", ", f.Alerts.SelectMany(a => a.Evidence).Distinct().Take(3).Select(e => "`" + e + "`"))}");
        md.AppendLine();
    }
}
