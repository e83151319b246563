using System.Text.Json;
using System.Text.RegularExpressions;
using Daybreak.Tests.Support;

namespace Daybreak.Tests;

/// <summary>
/// docs/scenarios.md and the simulator tell the same story: each documented scenario's ATT&amp;CK techniques are exactly
/// those its truth records carry, and its documented steps are the steps truth.json lists, in order.
/// </summary>
public sealed partial class ScenarioDocsTests(SimulationRun run) : IClassFixture<SimulationRun>
{
    [Fact]
    public void Documented_techniques_and_steps_match_the_truth_of_every_scenario()
    {
        var docs = File.ReadAllText(Path.Combine(Corpus.RepoRoot, "docs", "scenarios.md"));
        using var truth = JsonDocument.Parse(File.ReadAllText(run.Result.TruthPath));
        var scenarios = truth.RootElement.GetProperty("scenarios").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("steps").EnumerateArray().ToList());

        var documented = Heading().Matches(docs).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Split(", ").ToHashSet());
        Assert.Equal(["aitm-token-theft", "bec-forwarding", "consent-phishing", "mfa-fatigue", "midnight-blizzard"], documented.Keys.Order());
        foreach (var (name, techniques) in documented)
        {
            var simulated = scenarios[name].SelectMany(s => s.GetProperty("techniques").EnumerateArray().Select(t => t.GetString()!)).ToHashSet();
            Assert.True(techniques.SetEquals(simulated), $"{name}: docs {string.Join(",", techniques.Order())} vs truth {string.Join(",", simulated.Order())}");
            var steps = scenarios[name].Select(s => s.GetProperty("step").GetInt32()).ToList();
            Assert.Equal(Enumerable.Range(1, steps.Count), steps);
        }

        // midnight-blizzard documents its six steps as a table; graph-mail-read is "the same chain".
        var table = docs[docs.IndexOf("### midnight-blizzard", StringComparison.Ordinal)..docs.IndexOf("### graph-mail-read", StringComparison.Ordinal)];
        Assert.Equal(scenarios["midnight-blizzard"].Count, StepRow().Matches(table).Count);
        Assert.Equal(scenarios["midnight-blizzard"].Count, scenarios["graph-mail-read"].Count);
    }

    [GeneratedRegex(@"^### ([a-z-]+) \(([^)]+)\)", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\| \d+ \|", RegexOptions.Multiline)]
    private static partial Regex StepRow();
}
