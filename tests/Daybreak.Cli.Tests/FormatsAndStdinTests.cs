using System.Text;
using System.Text.Json;
using Daybreak.Cli;
using Daybreak.Cli.Infrastructure;

namespace Daybreak.Tests;

public sealed class FormatsAndStdinTests
{
    [Fact]
    public void Formats_lists_every_family_with_an_example_that_is_json()
    {
        var r = Cli.Run("formats", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var formats = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(["audit", "container", "graphactivity", "risk", "signin", "ual"], formats.Select(f => f.GetProperty("family").GetString()).Distinct().Order());
        Assert.Contains(formats, f => f.GetProperty("name").GetString() == "container.loganalytics-query");
        Assert.Contains(formats, f => f.GetProperty("name").GetString() == "signin.diagnostic");
        Assert.Contains(formats, f => f.GetProperty("name").GetString() == "ual.purview-csv");
        Assert.All(formats, f => Assert.False(string.IsNullOrWhiteSpace(f.GetProperty("example").GetString())));
        var human = Cli.Run("formats");
        Assert.Equal(0, human.ExitCode);
        Assert.Contains("signin.loganalytics", human.Out);
        Assert.Contains("container.loganalytics-query", human.Out);
        // The closing line names the containers, JSON brackets and all (read as markup, they were a crash).
        Assert.Contains("{\"value\":[...]}", human.Out);
    }

    [Fact]
    public void Dash_reads_standard_input()
    {
        using var dir = new TempDir();
        var line = File.ReadAllText(Path.Combine(Corpus.RepoRoot, "tests", "fixtures", "ual", "mgmt-api.ndjson"));
        var stdout = new StringWriter();
        var env = new CliEnvironment { Out = stdout, Error = new StringWriter(), In = new MemoryStream(Encoding.UTF8.GetBytes(line)) };
        var code = DaybreakApp.Run(["ingest", "-", "--db", dir.File("c.duckdb"), "--json"], env);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout.ToString());
        var input = doc.RootElement.GetProperty("input");
        Assert.True(input.GetProperty("accepted").GetInt32() > 0);
        Assert.Equal(0, input.GetProperty("rejected").GetInt32());
        var files = Cli.Run("query", "SELECT DISTINCT file FROM events", "--db", dir.File("c.duckdb"), "--csv");
        Assert.Contains("<stdin>", files.Out);
    }

    [Fact]
    public void Format_override_forces_a_family_and_an_unknown_one_is_a_usage_error()
    {
        using var dir = new TempDir();
        var path = Path.Combine(Corpus.RepoRoot, "samples", "m365", "purview-audit-search.csv");
        var forced = Cli.Run("ingest", path, "--db", dir.File("a.duckdb"), "--format", "signin", "--json");
        using (var doc = JsonDocument.Parse(forced.Out))
            Assert.Equal(6, doc.RootElement.GetProperty("input").GetProperty("rejected").GetInt32());
        var unknown = Cli.Run("ingest", path, "--db", dir.File("b.duckdb"), "--format", "nope");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("unknown format", unknown.Error);
    }
}
