using System.Text.Json;

namespace Daybreak.Tests;

/// <summary>The whole pipeline over the hand-written sample case: one critical incident whose blast radius is exactly what the samples hold.</summary>
public sealed class ScopeTests
{
    [Fact]
    public void Sample_case_campaign_scopes_to_the_exact_messages_folders_and_throttled_window()
    {
        using var dir = new TempDir();
        var db = dir.File("case.duckdb");
        var hunt = JsonDocument.Parse(Cli.Run("hunt", Path.Combine(Corpus.RepoRoot, "samples"), "--db", db, "--json").Out);
        var campaign = hunt.RootElement.GetProperty("incidents").EnumerateArray().Single(i => i.GetProperty("severity").GetString() == "critical");
        var id = campaign.GetProperty("id").GetString()!;

        var scope = JsonDocument.Parse(Cli.Run("scope", id[..10], "--db", db, "--json").Out).RootElement;
        Assert.Equal(id, scope.GetProperty("id").GetString());
        Assert.Contains("T1110.003", scope.GetProperty("techniques").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("T1114.002", scope.GetProperty("techniques").EnumerateArray().Select(t => t.GetString()));
        var mailboxes = scope.GetProperty("blast_radius").GetProperty("mailboxes").EnumerateArray()
            .ToDictionary(m => m.GetProperty("owner").GetString()!, m => m);
        Assert.Equal(["amy.hood@contoso.com", "brad.s@contoso.com", "ciso@contoso.com", "satya.n@contoso.com"], mailboxes.Keys.Order());
        Assert.Equal(3, mailboxes["satya.n@contoso.com"].GetProperty("items").GetInt32());
        Assert.Equal(3, mailboxes["brad.s@contoso.com"].GetProperty("items").GetInt32());
        Assert.Equal(3, mailboxes["amy.hood@contoso.com"].GetProperty("items").GetInt32()); // her own OWA read is not in it
        Assert.Equal(0, mailboxes["ciso@contoso.com"].GetProperty("items").GetInt32());
        Assert.Equal(["\\Inbox"], mailboxes["ciso@contoso.com"].GetProperty("folders_synced").EnumerateArray().Select(f => f.GetString()));
        var window = Assert.Single(mailboxes["satya.n@contoso.com"].GetProperty("unknown_windows").EnumerateArray());
        Assert.Equal("2023-12-05T02:00:00.000Z", window.GetProperty("from").GetString());
        Assert.All(mailboxes.Values, m => Assert.Equal(["e8f1b2c3-4d5a-4e6f-8a7b-9c0d1e2f3a4b"], m.GetProperty("via").EnumerateArray().Select(v => v.GetString())));

        // Beyond mail: the attacker's app enumerating the directory through Graph (and its failed direct mail read).
        var graph = scope.GetProperty("blast_radius").GetProperty("resources").EnumerateArray()
            .Where(r => r.GetProperty("kind").GetString() == "graph").Select(r => r.GetProperty("resource").GetString()).Distinct().Order();
        Assert.Equal(["GET /v1.0/servicePrincipals", "GET /v1.0/users", "GET /v1.0/users/satya.n@contoso.com/mailFolders/inbox/messages"], graph);

        var csv = Cli.Run("scope", id, "--db", db, "--csv").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 9 + 1 + 1, csv.Length); // header, nine messages, one synced folder, one unknown window
        Assert.Equal(1, Cli.Run("scope", "inc-nope", "--db", db).ExitCode);
    }
}
