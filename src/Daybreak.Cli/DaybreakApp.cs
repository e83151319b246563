using Spectre.Console.Cli;

namespace Daybreak.Cli;

/// <summary>Builds the command tree once; tests call <see cref="Run"/> in-process.</summary>
public static class DaybreakApp
{
    public static int Run(string[] args)
    {
        var app = new CommandApp();
        app.Configure(Configure);
        return app.Run(args);
    }

    internal static void Configure(IConfigurator config)
    {
        config.SetApplicationName("daybreak");
        config.PropagateExceptions();
        config.AddCommand<Commands.VersionCommand>("version").WithDescription("Print the version.");
        config.AddCommand<Commands.SimulateCommand>("simulate")
            .WithDescription("Simulate a tenant's Entra ID / Microsoft 365 logs with labelled attack scenarios.")
            .WithExample("simulate", "--users", "200", "--days", "7", "--scenario", "midnight-blizzard", "--seed", "1", "--out", "./sim");
    }
}
