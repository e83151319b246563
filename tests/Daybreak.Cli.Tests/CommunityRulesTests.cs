using System.Text.Json;

namespace Daybreak.Tests;

/// <summary>
/// `hunt --sigma DIR` with a community rule that fires for every user of a simulated tenant: the rule's alerts are listed,
/// marked as community alerts, and join no incident; the report names the rule and how widely it fired.
/// </summary>
public sealed class CommunityRulesTests
{
    // Every successful interactive sign-in: a rule the tenant's normal sets off for nearly every user.
    private const string EverySignIn = """
        title: Every successful sign-in
        id: 0b7e2c9a-1111-4222-8333-944455556666
        status: test
        logsource:
          product: azure
          service: signinlogs
        detection:
          selection:
            ResultType: 0
          condition: selection
        level: high
        """;

    [Fact]
    public void A_community_rule_firing_for_the_whole_tenant_is_reported_and_makes_no_incident()
    {
        using var dir = new TempDir();
        var sim = dir.File("sim");
        Assert.Equal(0, Cli.Run("simulate", "--users", "30", "--days", "2", "--scenario", "mfa-fatigue", "--seed", "3", "--out", sim).ExitCode);
        var rules = Directory.CreateDirectory(dir.File("rules")).FullName;
        File.WriteAllText(Path.Combine(rules, "every_signin.yml"), EverySignIn);

        var run = Cli.Run("hunt", Path.Combine(sim, "logs"), "--db", dir.File("case.duckdb"), "--sigma", rules, "--json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        var community = root.GetProperty("alerts").EnumerateArray()
            .Where(a => a.GetProperty("rule").GetString() == "0b7e2c9a-1111-4222-8333-944455556666").ToList();
        Assert.NotEmpty(community);
        Assert.All(community, a => Assert.True(a.GetProperty("community").GetBoolean()));

        var wide = Assert.Single(root.GetProperty("tenant_wide_rules").EnumerateArray());
        Assert.Equal("Every successful sign-in", wide.GetProperty("title").GetString());
        Assert.Equal(community.Count, wide.GetProperty("alerts").GetInt32());
        Assert.True(wide.GetProperty("users").GetInt32() > 20, wide.ToString());
        Assert.True(wide.GetProperty("tenant_users").GetInt32() >= wide.GetProperty("users").GetInt32());

        // No incident holds one of its alerts; the attack's incident is still there, built from Daybreak's own rules.
        var ids = community.Select(a => a.GetProperty("id").GetString()).ToHashSet();
        var incidents = root.GetProperty("incidents").EnumerateArray().ToList();
        Assert.NotEmpty(incidents);
        Assert.DoesNotContain(incidents.SelectMany(i => i.GetProperty("steps").EnumerateArray()), s => ids.Contains(s.GetProperty("alert").GetString()));

        // A person reading the terminal output is told the same.
        var text = Cli.Run("hunt", "--db", dir.File("case.duckdb"), "--sigma", rules);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("community rule Every successful sign-in fired for", text.Out);
        Assert.Contains("joined no incident", text.Out);
    }
}
