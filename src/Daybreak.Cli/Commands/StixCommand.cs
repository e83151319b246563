using Daybreak.Cli.Infrastructure;
using Daybreak.Cli.Output;
using Daybreak.Response.Stix;
using Daybreak.Storage;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

/// <summary><c>daybreak stix INCIDENT --out bundle.json</c>: the incident as a STIX 2.1 bundle to share.</summary>
internal sealed class StixCommand(CliEnvironment env) : Command<StixSettings>
{
    public override int Execute(CommandContext context, StixSettings settings, CancellationToken cancellationToken)
    {
        using var store = CaseStore.OpenReadOnly(settings.Db);
        var incident = IncidentLookup.Require(store, settings.Incident);
        var json = StixBundleWriter.Write(incident, new StixExportOptions
        {
            IntrusionSet = settings.IntrusionSet,
            Organisation = settings.Organisation,
            IncludeUsers = settings.IncludeUsers,
        });
        if (settings.Out is null)
        {
            env.Out.Write(json);
            return ExitCodes.Completed;
        }
        var path = Path.GetFullPath(settings.Out);
        var dir = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        File.WriteAllText(path, json, new System.Text.UTF8Encoding(false));
        env.Out.WriteLine($"STIX 2.1 bundle for incident {TerminalText.Safe(incident.Id, 80)}: {TerminalText.Safe(path, 300)}");
        return ExitCodes.Completed;
    }
}
