using Daybreak.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

/// <summary>
/// <c>daybreak hunt PATH...</c>: ingests, then analyses the whole case: alerts, incidents with their blast radius,
/// coverage; the findings are kept in the case for the verbs that act on them.
/// </summary>
internal sealed class HuntCommand(CliEnvironment env) : Command<IngestSettings>
{
    public override int Execute(CommandContext context, IngestSettings settings, CancellationToken cancellationToken) =>
        HuntRun.Execute(env, settings, "hunt");
}
