using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

internal sealed class VersionCommand : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        Console.WriteLine(typeof(VersionCommand).Assembly.GetName().Version?.ToString() ?? "0.0.0");
        return 0;
    }
}
