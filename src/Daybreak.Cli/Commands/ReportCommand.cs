using Daybreak.Cli.Infrastructure;
using Daybreak.Cli.Output;
using Daybreak.Reporting.IncidentReports;
using Daybreak.Storage;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

/// <summary>
/// <c>daybreak report INCIDENT --out DIR</c>: report.html and report.md for leaders and counsel: summary, timeline
/// chart, mailboxes reached, what the logs can and cannot show, response status and regulatory clocks.
/// </summary>
internal sealed class ReportCommand(CliEnvironment env) : Command<ReportSettings>
{
    public override int Execute(CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
    {
        using var store = CaseStore.OpenReadOnly(settings.Db);
        var incident = IncidentLookup.Require(store, settings.Incident);
        var evidence = CaseEvidence.Records(store, incident.Alerts.SelectMany(a => a.Evidence));
        var report = new IncidentReport
        {
            Incident = incident,
            GeneratedAt = env.Time.GetUtcNow().UtcDateTime,
            Version = Version.Current,
            CaseFile = store.Path,
            Coverage = ReportQuery.Coverage(store),
            EvidenceSources = evidence.Select(e => (e.Source, e.Category)).Distinct().ToList(),
            Names = ReportQuery.DisplayNames(store, incident.Entities.Apps.Concat(incident.BlastRadius.Mailboxes.SelectMany(m => m.Via)).Concat(incident.BlastRadius.Resources.Select(a => a.Actor)), incident.Entities.Users),
            Containment = ReportQuery.ContainmentStatus(store, incident.Id),
            Notifications = ReportQuery.NotificationStatus(store, incident.Id),
            Clocks = settings.ClockList(),
            AwarenessAt = ReportSettings.ParseDate(settings.AwarenessDate),
            MaterialityAt = ReportSettings.ParseDate(settings.MaterialityDate),
        };
        var dir = Path.GetFullPath(settings.Out);
        Directory.CreateDirectory(dir);
        var utf8 = new System.Text.UTF8Encoding(false);
        File.WriteAllText(Path.Combine(dir, "report.html"), HtmlReportWriter.Write(report), utf8);
        File.WriteAllText(Path.Combine(dir, "report.md"), MarkdownReportWriter.Write(report), utf8);
        env.Out.WriteLine($"report for incident {TerminalText.Safe(incident.Id, 80)}: {TerminalText.Safe(Path.Combine(dir, "report.html"), 300)} and report.md");
        return ExitCodes.Completed;
    }
}
