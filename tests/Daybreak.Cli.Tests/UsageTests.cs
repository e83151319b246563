namespace Daybreak.Tests;

public sealed class UsageTests
{
    [Fact]
    public void Version_prints_the_version()
    {
        var r = Cli.Run("version");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("daybreak ", r.Out);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("ingest")]
    [InlineData("query")]
    [InlineData("hunt", "x", "--max-record-mb", "0")]
    [InlineData("hunt", "x", "--no-such-option")]
    public void Usage_errors_exit_1_without_a_stack_trace(params string[] args)
    {
        var r = Cli.Run(args);
        Assert.Equal(1, r.ExitCode);
        Assert.DoesNotContain("   at ", r.Out + r.Error);
    }

    [Theory]
    [InlineData("hunt")]
    [InlineData("ingest")]
    [InlineData("query")]
    [InlineData("formats")]
    public void Every_verb_has_help(string verb)
    {
        var r = Cli.Run(verb, "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("USAGE", r.Out);
    }
}
