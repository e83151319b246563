using Daybreak.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

/// <summary><c>daybreak ingest PATH...</c>: reads logs into the case file and reports what was read and rejected.</summary>
internal sealed class IngestCommand(CliEnvironment env) : Command<IngestSettings>
{
    public override int Execute(CommandContext context, IngestSettings settings, CancellationToken cancellationToken) =>
        HuntRun.Execute(env, settings, "ingest");
}
