using Daybreak.Cli;
using Daybreak.Cli.Infrastructure;

namespace Daybreak.Tests;

/// <summary>Runs the CLI in-process, as a user would from a shell, capturing its streams.</summary>
internal static class Cli
{
    public static CliResult Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = DaybreakApp.Run(args, new CliEnvironment { Out = stdout, Error = stderr, IsTerminal = false });
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
