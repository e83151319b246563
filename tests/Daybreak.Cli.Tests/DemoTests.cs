using System.Text.Json;

namespace Daybreak.Tests;

public sealed class DemoTests
{
    [Fact]
    public void Demo_simulates_and_hunts_with_nothing_rejected_and_cleans_up_unless_kept()
    {
        using var dir = new TempDir();
        var keep = dir.File("kept");
        var r = Cli.Run("demo", "--users", "20", "--days", "2", "--keep", keep, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var input = doc.RootElement.GetProperty("input");
        Assert.True(input.GetProperty("accepted").GetInt64() > 1000);
        Assert.Equal(0, input.GetProperty("rejected").GetInt64());
        Assert.True(File.Exists(Path.Combine(keep, "truth.json")));
        Assert.True(File.Exists(Path.Combine(keep, "case.duckdb")));
        var sources = doc.RootElement.GetProperty("coverage").EnumerateArray().Select(c => c.GetProperty("source").GetString()).Distinct().Order();
        Assert.Equal(["audit", "graphactivity", "signin", "ual"], sources);
    }
}
