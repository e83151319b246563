using System.Text.Json;

namespace Daybreak.Tests;

public sealed class BadInputTests
{
    [Fact]
    public void Nothing_readable_exits_2_and_lists_every_problem_in_json()
    {
        using var dir = new TempDir();
        dir.Write("empty.json", "");
        dir.Write("prose.txt", "not a log\n");
        var r = Cli.Run("hunt", dir.Path, dir.File("missing.json"), "--db", dir.File("c.duckdb"), "--json");
        Assert.Equal(2, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var input = doc.RootElement.GetProperty("input");
        Assert.Equal(2, input.GetProperty("files").GetInt32());
        var errors = input.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("file").GetString(), e.GetProperty("reason").GetString())).ToList();
        Assert.Contains(errors, e => e.Item1 == dir.File("missing.json") && e.Item2 == "no such file or folder");
        Assert.Contains(errors, e => e.Item1!.EndsWith("empty.json") && e.Item2!.StartsWith("empty file"));
        Assert.Contains(errors, e => e.Item1!.EndsWith("prose.txt") && e.Item2!.StartsWith("not a log file"));
        Assert.Equal("daybreak.hunt/1", doc.RootElement.GetProperty("schema").GetString());
    }

    [Fact]
    public void The_terminal_never_replays_control_characters_from_logs()
    {
        using var dir = new TempDir();
        dir.Write("evil.json", "{\"\\u001b[2J\\u001b]0;pwned\\u0007name\":1}\n");
        var r = Cli.Run("ingest", dir.Path, "--db", dir.File("c.duckdb"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("unknown record type", r.Out);
        Assert.DoesNotContain('\u001b', r.Out);
        Assert.DoesNotContain('\u0007', r.Out);
        Assert.Contains("\\u001b", r.Out);
    }

    [Fact]
    public void Query_csv_neutralises_formulas_and_json_escapes_control_characters()
    {
        using var dir = new TempDir();
        var db = dir.File("c.duckdb");
        dir.Write("x.json", "{\"=cmd|' /C calc'!A0\":1}\n");
        Cli.Run("ingest", dir.File("x.json"), "--db", db);
        var csv = Cli.Run("query", "SELECT reason FROM rejections", "--db", db, "--csv");
        Assert.Equal(0, csv.ExitCode);
        var cell = csv.Out.Split('\n')[1];
        Assert.DoesNotMatch("^\"?[=+\\-@]", cell);
        var json = Cli.Run("query", "SELECT chr(27) || '[31mred' AS v", "--db", db, "--json");
        Assert.Contains("\\u001B[31mred", json.Out);
    }

    [Fact]
    public void Query_csv_shows_control_characters_as_escapes_on_a_terminal_and_keeps_them_in_a_file()
    {
        using var dir = new TempDir();
        var db = dir.File("c.duckdb");
        Cli.Run("ingest", dir.Write("x.json", "{}\n"), "--db", db);
        const string sql = "SELECT chr(27) || '[2J' || chr(27) || ']0;pwned' || chr(7) || chr(8238) AS v";
        var stdout = new StringWriter();
        var code = Daybreak.Cli.DaybreakApp.Run(["query", sql, "--db", db, "--csv"],
            new Daybreak.Cli.Infrastructure.CliEnvironment { Out = stdout, Error = new StringWriter(), IsTerminal = true, Time = TimeProvider.System });
        Assert.Equal(0, code);
        Assert.Equal("v\n\\u001b[2J\\u001b]0;pwned\\u0007\\u202e\n", stdout.ToString());

        var file = Cli.Run("query", sql, "--db", db, "--csv"); // redirected: the value whole, for programs
        Assert.Equal("v\n\u001b[2J\u001b]0;pwned\u0007\u202e\n", file.Out);
    }

    [Fact]
    public void Query_cannot_change_the_case()
    {
        using var dir = new TempDir();
        var db = dir.File("c.duckdb");
        Cli.Run("ingest", dir.Write("x.json", "{}\n"), "--db", db);
        var r = Cli.Run("query", "DROP TABLE events", "--db", db);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("read-only", r.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, Cli.Run("query", "SELECT count(*) FROM events", "--db", db).ExitCode);
    }
}
