using System.Globalization;
using System.Net;
using System.Text;
using Daybreak.Detection;
using Daybreak.Response.Stix;

namespace Daybreak.Reporting.IncidentReports;

/// <summary>
/// The incident report as one self-contained HTML page (well-formed XML, so it can be checked mechanically). Every
/// value that came from a log is HTML-escaped; a Content-Security-Policy forbids script outright, so even a missed
/// escape could not run anything.
/// </summary>
public static class HtmlReportWriter
{
    public static string Write(IncidentReport r)
    {
        var i = r.Incident;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n");
        sb.Append("<title>").Append(E("Incident report: " + i.Title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        sb.Append("<h1>").Append(E("Incident report: " + i.Title)).Append("</h1>\n");
        sb.Append("<p class=\"meta\">Incident ").Append(E(i.Id)).Append(" · generated ").Append(E(ReportFacts.Time(r.GeneratedAt)))
            .Append(" by Daybreak ").Append(E(r.Version)).Append(" · all times UTC</p>\n");

        sb.Append("<h2>Summary</h2>\n<ul>\n");
        foreach (var line in ReportText.Summary(r)) sb.Append("<li>").Append(E(line)).Append("</li>\n");
        sb.Append("</ul>\n");

        sb.Append("<h2>Timeline</h2>\n<figure>\n").Append(TimelineSvg.Render(i)).Append("\n</figure>\n");
        Table(sb, ["Time", "Technique", "Step", "Severity"], i.Steps.OrderBy(s => s.Time).Select(s => (IReadOnlyList<string>)
        [
            ReportFacts.Time(s.Time),
            s.Technique is null ? "" : $"{s.Technique} {AttackTechniques.Name(s.Technique)}",
            s.Title,
            i.Alerts.FirstOrDefault(a => a.Id == s.Alert)?.Severity.Name() ?? "",
        ]));

        sb.Append("<h2>Mailboxes reached</h2>\n");
        if (i.BlastRadius.Mailboxes.Count == 0) sb.Append("<p>No mailbox access was attributed to this incident.</p>\n");
        else Table(sb, ["Mailbox", "Messages read", "Folders synced (whole folder exposed)", "Accessed, items unknown", "First access", "Last access", "Read by"],
            ReportText.Mailboxes(r));

        sb.Append("<h2>Beyond mail: files and Microsoft Graph</h2>\n<h3>SharePoint and OneDrive files</h3>\n");
        var files = ResourceReachText.Files(r);
        if (files.Count > 0) Table(sb, ResourceReachText.FileHeader, files);
        sb.Append("<p>").Append(E(ResourceReachText.FilesNote(r))).Append("</p>\n<h3>Microsoft Graph requests</h3>\n");
        var graph = ResourceReachText.Graph(r);
        if (graph.Count > 0) Table(sb, ResourceReachText.GraphHeader, graph);
        sb.Append("<p>").Append(E(ResourceReachText.GraphNote(r))).Append("</p>\n");

        sb.Append("<h2>What the logs can and cannot show</h2>\n");
        Table(sb, ["Question", "Status", "Detail"], ReportFacts.Caveats(r).Select(c => (IReadOnlyList<string>)[c.Question, c.Status, c.Text]));

        sb.Append("<h2>Response</h2>\n<ul>\n");
        sb.Append("<li>Containment: ").Append(E(ReportText.Status(r.Containment, "actions"))).Append("</li>\n");
        sb.Append("<li>Notification of affected employees: ").Append(E(ReportText.Status(r.Notifications, "notices"))).Append("</li>\n</ul>\n");

        sb.Append("<h2>Regulatory clocks</h2>\n");
        var clocks = ReportFacts.Clocks(r);
        Table(sb, ["Obligation", "Deadline", "Runs from", "Start", "Due", "Status"], clocks.Select(c => (IReadOnlyList<string>)
        [
            c.Name, c.Duration, c.From, c.Start is { } s ? ReportFacts.Time(s) : "—", c.Due is { } d ? ReportFacts.Time(d) : "—", c.Status,
        ]));
        foreach (var note in ReportFacts.ClockNotes(clocks)) sb.Append("<p class=\"meta\">").Append(E(note)).Append("</p>\n");
        sb.Append("<p class=\"meta\">Clocks are a guide for counsel, not legal advice.</p>\n");
        sb.Append("<p class=\"meta\">Case file: ").Append(E(r.CaseFile ?? "")).Append("</p>\n");
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Table(StringBuilder sb, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        sb.Append("<table>\n<thead><tr>");
        foreach (var h in header) sb.Append("<th>").Append(E(h)).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            foreach (var cell in row) sb.Append("<td>").Append(E(cell)).Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
    }

    /// <summary>HTML-escapes text (&lt; &gt; &amp; and both quotes), so it is inert in element content and attributes.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private const string Css = """
        body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1000px; color: #222; line-height: 1.4; }
        h1 { font-size: 1.6em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ccc; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
        th, td { border: 1px solid #ccc; padding: 4px 6px; text-align: left; vertical-align: top; word-break: break-word; }
        th { background: #f3f3f3; } .meta { color: #666; font-size: 0.85em; } figure { margin: 0; overflow-x: auto; }

        """;
}
