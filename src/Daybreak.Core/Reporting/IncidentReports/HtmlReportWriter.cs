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
/// <remarks>
/// Layout was checked in a headless browser (docs/evidence.md): columns holding ids, UPNs and paths may break
/// anywhere, short columns (times, severities, counts) never wrap, and a print style sheet keeps table headers on
/// every page and rows whole.
/// </remarks>
public static class HtmlReportWriter
{
    /// <summary>No script of any kind, no external resource: inline styles and data: images only.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'none'; object-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    public static string Write(IncidentReport r)
    {
        var i = r.Incident;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\"/>\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
        sb.Append("<title>").Append(E("Incident report: " + i.Title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        sb.Append("<h1>").Append(E("Incident report: " + i.Title)).Append("</h1>\n");
        sb.Append("<p class=\"meta\">Incident ").Append(E(i.Id)).Append(" · generated ").Append(E(ReportFacts.Time(r.GeneratedAt)))
            .Append(" by Daybreak ").Append(E(r.Version)).Append(" · all times UTC</p>\n");

        sb.Append("<h2>Summary</h2>\n<ul>\n");
        foreach (var line in ReportText.Summary(r)) sb.Append("<li>").Append(E(line)).Append("</li>\n");
        sb.Append("</ul>\n");

        sb.Append("<h2>Timeline</h2>\n<figure>\n").Append(TimelineSvg.Render(i)).Append("\n</figure>\n");
        Table(sb, [Nw("Time"), "Technique", "Step", Nw("Severity")], i.Steps.OrderBy(s => s.Time).Select(s => (IReadOnlyList<string>)
        [
            ReportFacts.Time(s.Time),
            s.Technique is null ? "" : $"{s.Technique} {AttackTechniques.Name(s.Technique)}",
            s.Title,
            i.Alerts.FirstOrDefault(a => a.Id == s.Alert)?.Severity.Name() ?? "",
        ]));

        sb.Append("<h2>Mailboxes reached</h2>\n");
        if (i.BlastRadius.Mailboxes.Count == 0) sb.Append("<p>No mailbox access was attributed to this incident.</p>\n");
        else Table(sb, [Id("Mailbox"), Nw("Messages read"), Id("Folders synced (whole folder exposed)"), "Accessed, items unknown", Nw("First access"), Nw("Last access"), Id("Read by")],
            ReportText.Mailboxes(r));

        sb.Append("<h2>Beyond mail: files and Microsoft Graph</h2>\n<h3>SharePoint and OneDrive files</h3>\n");
        var files = ResourceReachText.Files(r);
        if (files.Count > 0) Table(sb, [Id("Site"), Id("Path"), Nw("Operation"), Num("Count"), Nw("First"), Nw("Last"), Id("By")], files);
        sb.Append("<p>").Append(E(ResourceReachText.FilesNote(r))).Append("</p>\n<h3>Microsoft Graph requests</h3>\n");
        var graph = ResourceReachText.Graph(r);
        if (graph.Count > 0) Table(sb, [Id("App"), Nw("Method"), Id("Path"), Num("Requests"), Nw("First"), Nw("Last")], graph);
        sb.Append("<p>").Append(E(ResourceReachText.GraphNote(r))).Append("</p>\n");

        sb.Append("<h2>What the logs can and cannot show</h2>\n");
        Table(sb, ["Question", Nw("Status"), "Detail"], ReportFacts.Caveats(r).Select(c => (IReadOnlyList<string>)[c.Question, c.Status, c.Text]));

        sb.Append("<h2>Response</h2>\n<ul>\n");
        sb.Append("<li>Containment: ").Append(E(ReportText.Status(r.Containment, "actions"))).Append("</li>\n");
        sb.Append("<li>Notification of affected employees: ").Append(E(ReportText.Status(r.Notifications, "notices"))).Append("</li>\n</ul>\n");

        sb.Append("<h2>Regulatory clocks</h2>\n");
        var clocks = ReportFacts.Clocks(r);
        Table(sb, ["Obligation", "Deadline", "Runs from", Nw("Start"), Nw("Due"), "Status"], clocks.Select(c => (IReadOnlyList<string>)
        [
            c.Name, c.Duration, c.From, c.Start is { } s ? ReportFacts.Time(s) : "—", c.Due is { } d ? ReportFacts.Time(d) : "—", c.Status,
        ]));
        foreach (var note in ReportFacts.ClockNotes(clocks)) sb.Append("<p class=\"meta\">").Append(E(note)).Append("</p>\n");
        sb.Append("<p class=\"meta\">Clocks are a guide for counsel, not legal advice.</p>\n");
        sb.Append("<p class=\"meta\">Case file: ").Append(E(r.CaseFile ?? "")).Append("</p>\n");
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>A table column: its header and the class that says how its cells wrap.</summary>
    private sealed record Column(string Header, string? Class = null)
    {
        public static implicit operator Column(string header) => new(header);
    }

    /// <summary>Short values (times, severities): never wrapped.</summary>
    private static Column Nw(string header) => new(header, "nw");

    /// <summary>Counts: right-aligned, never wrapped.</summary>
    private static Column Num(string header) => new(header, "num");

    /// <summary>Ids, UPNs, URLs and paths from logs: may break anywhere, so one long value cannot widen the page.</summary>
    private static Column Id(string header) => new(header, "id");

    private static void Table(StringBuilder sb, IReadOnlyList<Column> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        // The wrapper scrolls sideways on a screen too narrow for the table, instead of widening the page.
        sb.Append("<div class=\"scroll\">\n<table>\n<thead><tr>");
        foreach (var c in columns) Cell(sb, "th", c.Class, c.Header);
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            for (var k = 0; k < row.Count; k++) Cell(sb, "td", k < columns.Count ? columns[k].Class : null, row[k]);
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n</div>\n");
    }

    private static void Cell(StringBuilder sb, string tag, string? cls, string text)
    {
        sb.Append('<').Append(tag);
        if (cls is not null) sb.Append(" class=\"").Append(cls).Append('"');
        var escaped = E(text);
        sb.Append('>').Append(tag != "td" ? escaped : cls == "id" ? BreakOpportunities(escaped) : cls == "nw" ? KeepDatesWhole(escaped) : escaped)
            .Append("</").Append(tag).Append('>');
    }

    /// <summary>
    /// Short cells wrap only on narrow screens, and then between words: a browser would otherwise break a date at
    /// its hyphens ("2024-" / "01-11"), so words with a hyphen are kept whole.
    /// </summary>
    private static string KeepDatesWhole(string escaped) => !escaped.Contains('-', StringComparison.Ordinal) ? escaped
        : string.Join(' ', escaped.Split(' ').Select(w => w.Contains('-', StringComparison.Ordinal) ? "<span class=\"nw\">" + w + "</span>" : w));

    /// <summary>
    /// Lets escaped ids, UPNs and paths wrap after '@' and '/' and before '.' (an empty &lt;wbr/&gt; element, so
    /// copying the text copies the value unchanged) rather than in the middle of a word.
    /// </summary>
    private static string BreakOpportunities(string escaped)
    {
        if (escaped.Length < 16) return escaped;
        var sb = new StringBuilder(escaped.Length + 16);
        foreach (var c in escaped)
        {
            if (c == '.') sb.Append("<wbr/>");
            sb.Append(c);
            if (c is '@' or '/' or '\\') sb.Append("<wbr/>");
        }
        return sb.ToString();
    }

    /// <summary>HTML-escapes text (&lt; &gt; &amp; and both quotes), so it is inert in element content and attributes.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private const string Css = """
        body { font-family: system-ui, sans-serif; margin: 2em auto; padding: 0 1em; max-width: 1100px; color: #222; line-height: 1.4; }
        h1 { font-size: 1.45em; overflow-wrap: anywhere; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ccc; } h3 { font-size: 1.05em; margin-bottom: 0.4em; }
        p, li { overflow-wrap: anywhere; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
        th, td { border: 1px solid #ccc; padding: 4px 6px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
        th { background: #f3f3f3; }
        .nw { white-space: nowrap; } .num { white-space: nowrap; text-align: right; } td.id { overflow-wrap: anywhere; min-width: 7em; }
        .meta { color: #555; font-size: 0.85em; } .scroll { overflow-x: auto; }
        @media (max-width: 900px) { td.nw, th.nw, .num { white-space: normal; overflow-wrap: normal; } }
        figure { margin: 0.5em 0; overflow-x: auto; } figure svg { width: 100%; min-width: 720px; max-width: 1100px; height: auto; }
        @media print {
          @page { size: A4 landscape; margin: 12mm; }
          body { margin: 0; padding: 0; max-width: none; font-size: 9.5pt; color: #000; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          thead { display: table-header-group; } tr, figure { break-inside: avoid; page-break-inside: avoid; }
          th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          figure, .scroll { overflow: visible; } figure svg { min-width: 0; max-width: 100%; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          .meta { color: #333; }
        }

        """;
}
