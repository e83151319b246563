using Xunit.Abstractions;

namespace Daybreak.Tests.Quality;

/// <summary>
/// The quality bar of issue 4 measured on simulated tenants through the real pipeline (see <see cref="QualityHarness"/>):
/// each attack scenario alone, all of them together, and <c>none</c>. The small tenant runs in the ordinary suite; set
/// <c>DAYBREAK_QUALITY=200x14</c> (users x days, optionally <c>:seed</c>) to measure a larger one. docs/quality.md holds the figures.
/// </summary>
public sealed class IncidentQualityTests(ITestOutputHelper output)
{
    private const int Users = 40;
    private const int Days = 7;
    private const ulong Seed = 1;

    /// <summary>False incidents every simulated tenant has once, whatever its size (see <see cref="Check"/>).</summary>
    private const int OneOffBenignTwins = 2;

    public static readonly string[] AttackScenarios = ["midnight-blizzard", "graph-mail-read", "aitm-token-theft", "mfa-fatigue", "consent-phishing", "bec-forwarding"];

    public static TheoryData<string> Runs => new(AttackScenarios.Append("all").Append("none"));

    [Theory]
    [MemberData(nameof(Runs))]
    public void Small_tenant_meets_the_quality_bar(string run)
    {
        var scenarios = run == "all" ? AttackScenarios : [run];
        var q = QualityHarness.Run(Users, Days, Seed, scenarios);
        var table = q.Table();
        output.WriteLine(table);
        if (Environment.GetEnvironmentVariable("DAYBREAK_QUALITY_OUT") is { Length: > 0 } path) File.AppendAllText(path, table + "\n");
        Check(q);
    }

    [SkippableFact]
    public void Larger_tenant_from_the_environment()
    {
        var spec = Environment.GetEnvironmentVariable("DAYBREAK_QUALITY");
        Skip.If(string.IsNullOrWhiteSpace(spec), "set DAYBREAK_QUALITY=USERSxDAYS[:SEED] to run");
        var parts = spec!.Split(':');
        var size = parts[0].Split('x');
        var (users, days) = (int.Parse(size[0]), int.Parse(size[1]));
        var seed = parts.Length > 1 ? ulong.Parse(parts[1]) : 1UL;
        var only = Environment.GetEnvironmentVariable("DAYBREAK_QUALITY_RUNS")?.Split(',') ?? [.. AttackScenarios, "all", "none"];
        var report = new List<string>();
        foreach (var run in only)
        {
            var q = QualityHarness.Run(users, days, seed, run == "all" ? AttackScenarios : [run]);
            var table = q.Table();
            output.WriteLine(table);
            report.Add(table);
            if (Environment.GetEnvironmentVariable("DAYBREAK_QUALITY_OUT") is { Length: > 0 } path) File.AppendAllText(path, table + "\n");
        }
    }

    /// <summary>An existing simulator output folder (<c>daybreak simulate ... --out DIR</c>), streamed hour by hour:
    /// <c>DAYBREAK_QUALITY_DIR=DIR</c>. For sizes whose events do not fit in memory (2,000 users x 30 days).</summary>
    [SkippableFact]
    public void Simulator_output_folder_from_the_environment()
    {
        var dir = Environment.GetEnvironmentVariable("DAYBREAK_QUALITY_DIR");
        Skip.If(string.IsNullOrWhiteSpace(dir), "set DAYBREAK_QUALITY_DIR to a simulator output folder to run");
        var progress = Environment.GetEnvironmentVariable("DAYBREAK_QUALITY_OUT") is { Length: > 0 } p ? p + ".progress" : null;
        var q = StreamingQualityHarness.Run(dir!, line => { if (progress is not null) File.AppendAllText(progress, line + "\n"); });
        var table = q.Table();
        output.WriteLine(table);
        if (Environment.GetEnvironmentVariable("DAYBREAK_QUALITY_OUT") is { Length: > 0 } path) File.AppendAllText(path, table + "\n");
    }

    private static void Check(QualityRun q)
    {
        var failures = new List<string>();
        foreach (var s in q.Scores)
        {
            if (s.Incidents != 1) failures.Add($"{s.Scenario}: {s.Incidents} incidents");
            if (s.MergedWith.Any(m => !q.Together.Contains((s.Scenario, m)))) failures.Add($"{s.Scenario}: merged with {string.Join(",", s.MergedWith)}");
            if (s.StepsCovered != s.Steps) failures.Add($"{s.Scenario}: steps {s.StepsCovered}/{s.Steps}");
            if (s.IdPrecision is { } p && p < 1.0) failures.Add($"{s.Scenario}: message-id precision {p:0.###}");
            if (s.IdRecall is { } r && r < 1.0) failures.Add($"{s.Scenario}: message-id recall {r:0.###}");
            if (s.MailboxesFound != s.MailboxesBoth) failures.Add($"{s.Scenario}: {s.MailboxesFound - s.MailboxesBoth} mailboxes outside truth");
            if (s.Folders.Ok != s.Folders.True || s.Folders.Got != s.Folders.True) failures.Add($"{s.Scenario}: folders synced {s.Folders}");
            if (s.Windows.Ok != s.Windows.True || s.Windows.Got != s.Windows.True) failures.Add($"{s.Scenario}: throttled windows {s.Windows}");
            if (s.Scenario == "midnight-blizzard" && (s.ToHigh is not { } t || t > TimeSpan.FromHours(1))) failures.Add($"{s.Scenario}: first read → high {s.ToHigh}");
        }
        // 40 users x 7 days is 280 user-days, too few to measure a rate: each tenant has two one-off benign twins that
        // raise (the backup product's admin consent and full_access_as_app grant, the HR provisioning app's first "Add
        // user"), whatever its size. Any other false incident is a regression. The rate is measured at size (docs/quality.md).
        if (q.FalseIncidents.Count > OneOffBenignTwins) failures.Add($"{q.FalseIncidents.Count} false incidents");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
