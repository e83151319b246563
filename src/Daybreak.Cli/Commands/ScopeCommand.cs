using System.Globalization;
using Daybreak.Cli.Infrastructure;
using Daybreak.Cli.Output;
using Daybreak.Reporting;
using Daybreak.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

/// <summary>
/// <c>daybreak scope INCIDENT</c>: what the incident reached, from the case's latest hunt: its timeline and dwell,
/// and per mailbox the messages read, the folders synced (whole folder exposed) and the throttled windows
/// ("accessed, items unknown"), with the coverage the statement rests on.
/// </summary>
internal sealed class ScopeCommand(CliEnvironment env) : Command<ScopeSettings>
{
    public override int Execute(CommandContext context, ScopeSettings settings, CancellationToken cancellationToken)
    {
        using var store = CaseStore.OpenReadOnly(settings.Db);
        var incident = IncidentLookup.Require(store, settings.Incident);
        if (settings.Json)
        {
            env.Out.WriteLine(FindingsJson.Write(incident));
            return ExitCodes.Completed;
        }
        if (settings.Csv)
        {
            var rows = incident.BlastRadius.Mailboxes.SelectMany(m =>
                m.MessageIds.Select(id => (IReadOnlyList<string?>)[m.Owner, "read", id, null])
                    .Concat(m.FoldersSynced.Select(f => (IReadOnlyList<string?>)[m.Owner, "folder synced", null, f]))
                    .Concat(m.UnknownWindows.Select(w => (IReadOnlyList<string?>)[m.Owner, "accessed, items unknown", null, $"{Iso(w.From)}/{Iso(w.To)}"])));
            CsvOutput.Write(env.Out, ["mailbox", "exposure", "internet_message_id", "folder_or_window"], rows, env.IsTerminal);
            return ExitCodes.Completed;
        }

        var c = env.Console;
        c.MarkupLine($"[bold]{TerminalText.Markup(incident.Title)}[/] [grey]{incident.Id}[/]");
        c.MarkupLine($"severity {incident.Severity.ToString().ToLowerInvariant()}; first malicious event {Iso(incident.FirstSeen)}; detected {Iso(incident.DetectedAt)}; dwell {incident.Dwell.TotalDays:F1} days; last seen {Iso(incident.LastSeen)}");
        var timeline = new Table().Border(TableBorder.Rounded).Title("timeline");
        timeline.AddColumn("time (UTC)");
        timeline.AddColumn("technique");
        timeline.AddColumn("step");
        timeline.AddColumn("evidence");
        foreach (var step in incident.Steps)
        {
            var alert = incident.Alerts.FirstOrDefault(a => a.Id == step.Alert);
            timeline.AddRow(Iso(step.Time), step.Technique ?? "", TerminalText.Markup(step.Title, 70),
                TerminalText.Markup(alert is null ? step.Alert : $"{alert.Evidence.Count} records, e.g. {alert.Evidence.FirstOrDefault()}", 60));
        }
        c.Write(timeline);

        var mailboxes = new Table().Border(TableBorder.Rounded).Title("mailboxes reached");
        foreach (var h in new[] { "mailbox", "messages read", "bytes", "folders synced (whole folder exposed)", "accessed, items unknown", "first access", "last access", "via app" })
            mailboxes.AddColumn(h);
        foreach (var m in incident.BlastRadius.Mailboxes)
            mailboxes.AddRow(TerminalText.Markup(m.Owner), m.MessageIds.Count.ToString("N0", CultureInfo.InvariantCulture), m.Bytes.ToString("N0", CultureInfo.InvariantCulture),
                TerminalText.Markup(string.Join(", ", m.FoldersSynced)), string.Join(", ", m.UnknownWindows.Select(w => $"{Iso(w.From)} – {Iso(w.To)}")),
                Iso(m.FirstAccess), Iso(m.LastAccess), TerminalText.Markup(string.Join(", ", m.Via)));
        if (incident.BlastRadius.Mailboxes.Count > 0) c.Write(mailboxes);
        else c.MarkupLine("No mailbox access is linked to this incident.");

        var resources = incident.BlastRadius.Resources;
        if (resources.Count > 0)
        {
            var reach = new Table().Border(TableBorder.Rounded).Title("beyond mail: files and Graph requests by the incident's apps");
            foreach (var h in new[] { "kind", "resource", "operation", "count", "first", "last", "by" }) reach.AddColumn(h);
            foreach (var r in resources)
                reach.AddRow(r.Kind, TerminalText.Markup(r.Resource, 80), TerminalText.Markup(r.Operation, 30), r.Count.ToString("N0", CultureInfo.InvariantCulture),
                    Iso(r.FirstAccess), Iso(r.LastAccess), TerminalText.Markup(r.Actor));
            c.Write(reach);
        }

        var covered = CoverageQuery.Run(store).Any(r => r.Source == "ual" && r.Covers(incident.FirstSeen, incident.LastSeen));
        c.MarkupLine(covered
            ? "[grey]Unified Audit Log records cover the whole incident period without gaps: mailboxes not listed show no evidence of access in these logs.[/]"
            : "[yellow]The Unified Audit Log in this case does not cover the whole incident period, or has gaps in it: mailboxes not listed may still have been read (no data).[/]");
        c.MarkupLine("[grey]Use --csv for one row per message, --json for the full record.[/]");
        return ExitCodes.Completed;
    }

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
