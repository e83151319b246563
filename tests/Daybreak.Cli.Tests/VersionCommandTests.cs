namespace Daybreak.Tests;

public sealed class VersionCommandTests
{
    [Fact]
    public void Version_exits_zero()
    {
        Assert.Equal(0, Daybreak.Cli.DaybreakApp.Run(["version"]));
    }
}
