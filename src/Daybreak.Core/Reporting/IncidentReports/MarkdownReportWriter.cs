using System.Text;
using Daybreak.Detection;
using Daybreak.Response.Stix;

namespace Daybreak.Reporting.IncidentReports;

/// <summary>
/// The incident report as Markdown. Values from logs are escaped for Markdown and for the HTML that Markdown
/// renderers pass through, so a display name cannot become a link, a table cell break or a script tag.
/// </summary>
public static class MarkdownReportWriter
{
    public static string Write(IncidentReport r)
    {
        var i = r.Incident;
        var sb = new StringBuilder();
        sb.Append("# Incident report: ").Append(M(i.Title)).Append("\n\n");
        sb.Append("Incident ").Append(M(i.Id)).Append(" · generated ").Append(M(ReportFacts.Time(r.GeneratedAt)))
            .Append(" by Daybreak ").Append(M(r.Version)).Append(" · all times UTC\n\n");
        sb.Append("## Summary\n\n");
        foreach (var line in ReportText.Summary(r)) sb.Append("- ").Append(M(line)).Append('\n');
        sb.Append("\n## Timeline\n\n(The HTML report has the timeline as a chart.)\n\n");
        Table(sb, ["Time", "Technique", "Step", "Severity"], i.Steps.OrderBy(s => s.Time).Select(s => (IReadOnlyList<string>)
        [
            ReportFacts.Time(s.Time),
            s.Technique is null ? "" : $"{s.Technique} {AttackTechniques.Name(s.Technique)}",
            s.Title,
            i.Alerts.FirstOrDefault(a => a.Id == s.Alert)?.Severity.Name() ?? "",
        ]));
        sb.Append("\n## Mailboxes reached\n\n");
        if (i.BlastRadius.Mailboxes.Count == 0) sb.Append("No mailbox access was attributed to this incident.\n");
        else Table(sb, ["Mailbox", "Messages read", "Folders synced (whole folder exposed)", "Accessed, items unknown", "First access", "Last access", "Read by"],
            ReportText.Mailboxes(r));
        sb.Append("\n## Beyond mail: files and Microsoft Graph\n\n### SharePoint and OneDrive files\n\n");
        var files = ResourceReachText.Files(r);
        if (files.Count > 0) Table(sb, ResourceReachText.FileHeader, files);
        sb.Append(files.Count > 0 ? "\n" : "").Append(M(ResourceReachText.FilesNote(r))).Append("\n\n### Microsoft Graph requests\n\n");
        var graph = ResourceReachText.Graph(r);
        if (graph.Count > 0) Table(sb, ResourceReachText.GraphHeader, graph);
        sb.Append(graph.Count > 0 ? "\n" : "").Append(M(ResourceReachText.GraphNote(r))).Append('\n');
        sb.Append("\n## What the logs can and cannot show\n\n");
        Table(sb, ["Question", "Status", "Detail"], ReportFacts.Caveats(r).Select(c => (IReadOnlyList<string>)[c.Question, c.Status, c.Text]));
        sb.Append("\n## Response\n\n");
        sb.Append("- Containment: ").Append(M(ReportText.Status(r.Containment, "actions"))).Append('\n');
        sb.Append("- Notification of affected employees: ").Append(M(ReportText.Status(r.Notifications, "notices"))).Append('\n');
        sb.Append("\n## Regulatory clocks\n\n");
        var clocks = ReportFacts.Clocks(r);
        Table(sb, ["Obligation", "Deadline", "Runs from", "Start", "Due", "Status"], clocks.Select(c => (IReadOnlyList<string>)
        [
            c.Name, c.Duration, c.From, c.Start is { } s ? ReportFacts.Time(s) : "—", c.Due is { } d ? ReportFacts.Time(d) : "—", c.Status,
        ]));
        sb.Append('\n');
        foreach (var note in ReportFacts.ClockNotes(clocks)) sb.Append(M(note)).Append("\n\n");
        sb.Append("Clocks are a guide for counsel, not legal advice.\n");
        return sb.ToString();
    }

    private static void Table(StringBuilder sb, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        sb.Append("| ").Append(string.Join(" | ", header.Select(M))).Append(" |\n");
        sb.Append('|').Append(string.Concat(header.Select(_ => " --- |"))).Append('\n');
        foreach (var row in rows) sb.Append("| ").Append(string.Join(" | ", row.Select(M))).Append(" |\n");
    }

    /// <summary>Escapes Markdown syntax and HTML; line breaks become spaces so a value stays in its line or cell.</summary>
    public static string M(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '\r' or '\n' or '\t': sb.Append(' '); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '|' or '~':
                    sb.Append('\\').Append(c);
                    break;
                default:
                    if (!char.IsControl(c)) sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }
}
