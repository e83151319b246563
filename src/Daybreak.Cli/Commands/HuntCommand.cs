using Daybreak.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

/// <summary>
/// <c>daybreak hunt [PATH...]</c>: ingests (when given paths), then analyses the whole case: alerts, incidents with their blast radius,
/// coverage; the findings are kept in the case for the verbs that act on them.
/// </summary>
internal sealed class HuntCommand(CliEnvironment env) : Command<HuntSettings>
{
    public override int Execute(CommandContext context, HuntSettings settings, CancellationToken cancellationToken) =>
        HuntRun.Execute(env, settings, "hunt");
}

/// <summary>Options of <c>hunt</c>: those of <c>ingest</c>, with the paths optional (re-analyse a case, e.g. after importing indicators).</summary>
public sealed class HuntSettings : IngestSettings
{
    protected override bool PathsRequired => false;
}
