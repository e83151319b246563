using Daybreak.Detection;
using Daybreak.Reporting;
using Spectre.Console;

namespace Daybreak.Cli.Output;

/// <summary>The human view of a hunt's findings: incidents first (what a responder acts on), then alerts by rule.</summary>
internal static class FindingsView
{
    public static void Render(IAnsiConsole console, HuntReport report)
    {
        if (report.Incidents.Count == 0 && report.Alerts.Count == 0)
        {
            console.MarkupLine("[green]No alerts.[/] Coverage above says which sources and periods that statement rests on.");
            return;
        }
        foreach (var incident in report.Incidents)
        {
            var panel = new Table().Border(TableBorder.Rounded)
                .Title($"[bold]{Colour(incident.Severity)}{TerminalText.Markup(incident.Title)}[/][/]  [grey]{incident.Id}[/]");
            panel.AddColumn("time (UTC)");
            panel.AddColumn("technique");
            panel.AddColumn("step");
            foreach (var step in incident.Steps)
                panel.AddRow(step.Time.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), step.Technique ?? "", TerminalText.Markup(step.Title, 90));
            console.Write(panel);
            console.MarkupLine($"  severity {Colour(incident.Severity)}{incident.Severity.Name()}[/]; first seen {Iso(incident.FirstSeen)}, detected {Iso(incident.DetectedAt)}, dwell {Dwell(incident.Dwell)}");
            var mailboxes = incident.BlastRadius.Mailboxes;
            if (mailboxes.Count > 0)
            {
                var table = new Table().Border(TableBorder.Simple).Title("blast radius");
                table.AddColumn("mailbox");
                table.AddColumn(new TableColumn("messages").RightAligned());
                table.AddColumn("folders synced");
                table.AddColumn("accessed, items unknown");
                table.AddColumn("first – last access");
                foreach (var m in mailboxes)
                    table.AddRow(TerminalText.Markup(m.Owner), m.MessageIds.Count.ToString("N0"), TerminalText.Markup(string.Join(", ", m.FoldersSynced)),
                        string.Join(", ", m.UnknownWindows.Select(w => $"{Iso(w.From)}–{Iso(w.To)}")), $"{Iso(m.FirstAccess)} – {Iso(m.LastAccess)}");
                console.Write(table);
            }
        }

        var byRule = report.Alerts.GroupBy(a => (a.Rule, a.Title, a.Severity)).OrderByDescending(g => g.Key.Severity).ThenBy(g => g.Key.Title).ToList();
        var alerts = new Table().Border(TableBorder.Rounded).Title($"Alerts ({report.Alerts.Count:N0})");
        alerts.AddColumn("severity");
        alerts.AddColumn("rule");
        alerts.AddColumn(new TableColumn("count").RightAligned());
        alerts.AddColumn("first");
        alerts.AddColumn("last");
        foreach (var g in byRule)
            alerts.AddRow($"{Colour(g.Key.Severity)}{g.Key.Severity.Name()}[/]", TerminalText.Markup(g.Key.Title, 70), g.Count().ToString("N0"), Iso(g.Min(a => a.Time)), Iso(g.Max(a => a.Time)));
        console.Write(alerts);
        foreach (var r in report.TenantWideRules)
            console.MarkupLine($"[grey]community rule {TerminalText.Markup(r.Title, 70)} fired for {r.Users:N0} of the tenant's {r.TenantUsers:N0} users: " +
                $"the tenant's normal, its {r.Alerts:N0} alerts joined no incident[/]");
        foreach (var e in report.DetectionErrors)
            console.MarkupLine($"[yellow]detection {TerminalText.Markup(e.Detection)} failed on {e.Count:N0} events: {TerminalText.Markup(e.FirstError)}[/]");
    }

    private static string Colour(Severity s) => s switch
    {
        Severity.Critical => "[red bold]",
        Severity.High => "[red]",
        Severity.Medium => "[yellow]",
        Severity.Low => "[blue]",
        _ => "[grey]",
    };

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static string Dwell(TimeSpan d) => d.TotalDays >= 1 ? $"{d.TotalDays:F1} days" : $"{d.TotalHours:F1} hours";
}
