using Daybreak.Cli.Infrastructure;
using Daybreak.Cli.Output;
using Daybreak.Reporting;
using Daybreak.Storage;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

/// <summary><c>daybreak ingest PATH...</c>: reads logs into the case file and reports what was read and rejected.</summary>
internal sealed class IngestCommand(CliEnvironment env) : Command<IngestSettings>
{
    public override int Execute(CommandContext context, IngestSettings settings, CancellationToken cancellationToken) =>
        Run(env, settings, "ingest");

    internal static int Run(CliEnvironment env, IngestSettings settings, string command)
    {
        using var store = CaseStore.Open(settings.Db, env.Time);
        var result = IngestRun.Execute(env, settings, store, command);
        var coverage = CoverageQuery.Run(store).Select(c => new CoverageEntry(c.Source, c.Tenant, c.From, c.To, c.Records)).ToList();
        if (settings.Json)
        {
            using var stdout = new MemoryStream();
            HuntReportJson.Write(new HuntReport { Input = result.Summary, Coverage = coverage }, stdout);
            env.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stdout.ToArray()));
        }
        else
        {
            SummaryView.Render(env.Console, result.Summary, result.Inserted, coverage, settings.Db);
        }
        return IngestRun.ExitCode(result, settings.Strict);
    }
}
