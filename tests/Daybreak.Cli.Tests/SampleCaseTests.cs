using System.Text.Json;

namespace Daybreak.Tests;

/// <summary>The README's main job: hunting the bundled sample case reads every record of every format.</summary>
public sealed class SampleCaseTests
{
    [Fact]
    public void Hunting_the_samples_reads_every_record_and_reports_coverage_per_source()
    {
        using var dir = new TempDir();
        var db = dir.File("case.duckdb");
        var r = Cli.Run("hunt", Path.Combine(Corpus.RepoRoot, "samples"), "--db", db, "--json", "--strict");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var input = doc.RootElement.GetProperty("input");
        Assert.Equal(5, input.GetProperty("files").GetInt32());
        Assert.Equal(39, input.GetProperty("records").GetInt32());
        Assert.Equal(39, input.GetProperty("accepted").GetInt32());
        Assert.Equal(0, input.GetProperty("rejected").GetInt32());
        var coverage = doc.RootElement.GetProperty("coverage").EnumerateArray()
            .ToDictionary(c => (c.GetProperty("source").GetString(), c.GetProperty("tenant").GetString()), c => c.GetProperty("records").GetInt32());
        Assert.Equal(16, coverage[("signin", "c4a1d5e2-3b7f-4f0e-9a61-2e8d7c5b1f30")]);
        Assert.Equal(7, coverage[("audit", null)]);
        Assert.Equal(6, coverage[("ual", "72f988bf-86f1-41af-91ab-2d7cd011db47")]);

        var items = Cli.Run("query", "SELECT count(DISTINCT internet_message_id) FROM mail_items", "--db", db, "--csv");
        Assert.Equal("10", items.Out.Split('\n')[1].Trim());
        var spray = Cli.Run("query", "SELECT count(*) FROM events WHERE source = 'signin' AND status_code = '50126'", "--db", db, "--csv");
        Assert.Equal("15", spray.Out.Split('\n')[1].Trim());

        // Hunting again adds nothing.
        var again = Cli.Run("hunt", Path.Combine(Corpus.RepoRoot, "samples"), "--db", db);
        Assert.Contains("(0 new in", again.Out);
    }

    [Fact]
    public void Hunting_without_paths_analyses_the_case_as_it_is_and_finds_the_same_incidents()
    {
        using var dir = new TempDir();
        var db = dir.File("case.duckdb");
        var first = Cli.Run("hunt", Path.Combine(Corpus.RepoRoot, "samples"), "--db", db, "--json");
        Assert.Equal(0, first.ExitCode);

        var again = Cli.Run("hunt", "--db", db, "--json");

        Assert.Equal(0, again.ExitCode);
        static string[] Incidents(string json)
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.GetProperty("incidents").EnumerateArray()
                .Select(i => i.GetProperty("title").GetString() + "|" + i.GetProperty("severity").GetString()).Order().ToArray();
        }
        Assert.NotEmpty(Incidents(first.Out));
        Assert.Equal(Incidents(first.Out), Incidents(again.Out));
        using var doc = JsonDocument.Parse(again.Out);
        Assert.Equal(0, doc.RootElement.GetProperty("input").GetProperty("files").GetInt32());
    }

    [Fact]
    public void Hunting_without_paths_needs_an_existing_case_and_ingest_always_needs_paths()
    {
        using var dir = new TempDir();
        var hunt = Cli.Run("hunt", "--db", dir.File("none.duckdb"));
        Assert.NotEqual(0, hunt.ExitCode);
        Assert.Contains("no case file", hunt.Out + hunt.Error);
        Assert.False(File.Exists(dir.File("none.duckdb")));

        var ingest = Cli.Run("ingest", "--db", dir.File("none.duckdb"));
        Assert.NotEqual(0, ingest.ExitCode);
        Assert.Contains("name at least one file or folder", ingest.Out + ingest.Error);
    }
}
