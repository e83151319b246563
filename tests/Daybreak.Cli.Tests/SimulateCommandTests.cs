namespace Daybreak.Tests;

public sealed class SimulateCommandTests
{
    [Fact]
    public void Simulate_writes_logs_and_truth()
    {
        var dir = Path.Combine(Path.GetTempPath(), "daybreak-cli-sim-" + Guid.NewGuid().ToString("N"));
        try
        {
            var code = Daybreak.Cli.DaybreakApp.Run(["simulate", "--users", "30", "--days", "1", "--scenario", "midnight-blizzard,mfa-fatigue", "--seed", "5", "--out", dir]);
            Assert.Equal(0, code);
            Assert.True(File.Exists(Path.Combine(dir, "truth.json")));
            Assert.True(Directory.Exists(Path.Combine(dir, "logs", "prod", "diagnostic")));
            Assert.True(Directory.Exists(Path.Combine(dir, "logs", "prod", "ual-api")));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("--users", "5")]
    [InlineData("--scenario", "no-such-scenario")]
    [InlineData("--formats", "xml")]
    public void Simulate_rejects_bad_settings(string option, string value)
    {
        var dir = Path.Combine(Path.GetTempPath(), "daybreak-cli-bad-" + Guid.NewGuid().ToString("N"));
        int code;
        try
        {
            code = Daybreak.Cli.DaybreakApp.Run(["simulate", "--out", dir, option, value]);
        }
        catch (Exception)
        {
            code = -1;
        }
        Assert.NotEqual(0, code);
        Assert.False(File.Exists(Path.Combine(dir, "truth.json")));
    }
}
