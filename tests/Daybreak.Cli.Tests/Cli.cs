using Daybreak.Cli;
using Daybreak.Cli.Infrastructure;

namespace Daybreak.Tests;

/// <summary>Runs the CLI in-process, as a user would from a shell, capturing its streams.</summary>
internal static class Cli
{
    public static CliResult Run(params string[] args) => Run(TimeProvider.System, args);

    /// <summary>Runs with a given clock, for verbs that stamp their output with the time.</summary>
    public static CliResult Run(TimeProvider time, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = DaybreakApp.Run(args, new CliEnvironment { Out = stdout, Error = stderr, IsTerminal = false, Time = time });
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
