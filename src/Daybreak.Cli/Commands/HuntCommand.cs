using Daybreak.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

/// <summary>
/// <c>daybreak hunt PATH...</c>: ingests, then runs every stage that exists. Today that is the input summary and
/// coverage; detection and scoping add alerts and incidents to the same report.
/// </summary>
internal sealed class HuntCommand(CliEnvironment env) : Command<IngestSettings>
{
    public override int Execute(CommandContext context, IngestSettings settings, CancellationToken cancellationToken) =>
        IngestCommand.Run(env, settings, "hunt");
}
