using Daybreak.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

internal sealed class VersionCommand(CliEnvironment env) : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        env.Out.WriteLine("daybreak " + Version.Current);
        return ExitCodes.Completed;
    }
}
