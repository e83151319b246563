using System.Globalization;
using System.Net;
using System.Text;
using Daybreak.Correlation;
using Daybreak.Detection;

namespace Daybreak.Reporting.IncidentReports;

/// <summary>
/// The incident's steps over time as a hand-written inline SVG: one lane per technique, one dot per step, a line at
/// detection. No script, no external resources; every text from the logs is escaped.
/// </summary>
public static class TimelineSvg
{
    private const int Left = 190;
    private const int Width = 920;
    private const int Plot = Width - Left - 30;
    private const int Lane = 30;
    private const int Top = 30;

    public static string Render(Incident incident)
    {
        var steps = incident.Steps.OrderBy(s => s.Time).ToList();
        var lanes = steps.Select(s => s.Technique ?? "other").Distinct().ToList();
        var start = new[] { incident.FirstSeen }.Concat(steps.Select(s => s.Time)).Min();
        var end = new[] { incident.LastSeen, incident.DetectedAt }.Concat(steps.Select(s => s.Time)).Max();
        if (end <= start) end = start.AddHours(1);
        double X(DateTime t) => Left + (t - start).TotalSeconds / (end - start).TotalSeconds * Plot;
        var height = Top + Math.Max(1, lanes.Count) * Lane + 40;
        var severities = incident.Alerts.ToDictionary(a => a.Id, a => a.Severity, StringComparer.Ordinal);

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Incident timeline\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append("<title>Incident timeline: steps by ATT&amp;CK technique over time</title>\n");
        for (var i = 0; i < lanes.Count; i++)
        {
            var y = Top + i * Lane + Lane / 2;
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{y}\" x2=\"{Left + Plot}\" y2=\"{y}\" stroke=\"#ddd\"/>\n");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 8}\" y=\"{y + 4}\" text-anchor=\"end\">{E(lanes[i])}</text>\n");
        }
        var axis = Top + lanes.Count * Lane + 6;
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{axis}\" x2=\"{Left + Plot}\" y2=\"{axis}\" stroke=\"#333\"/>\n");
        for (var k = 0; k <= 4; k++)
        {
            var t = start + (end - start) * (k / 4.0);
            var x = X(t);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"{axis}\" x2=\"{x:0.#}\" y2=\"{axis + 5}\" stroke=\"#333\"/>\n");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{axis + 18}\" text-anchor=\"middle\">{E(t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))}</text>\n");
        }
        var dx = X(incident.DetectedAt);
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{dx:0.#}\" y1=\"{Top - 12}\" x2=\"{dx:0.#}\" y2=\"{axis}\" stroke=\"#c00\" stroke-dasharray=\"4 3\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{dx:0.#}\" y=\"{Top - 16}\" text-anchor=\"end\" fill=\"#c00\">detected</text>\n");
        foreach (var s in steps)
        {
            var y = Top + lanes.IndexOf(s.Technique ?? "other") * Lane + Lane / 2;
            var colour = (severities.TryGetValue(s.Alert, out var sev) ? sev : Severity.Medium) switch
            {
                Severity.Critical => "#8b0000",
                Severity.High => "#d9480f",
                Severity.Medium => "#e6a700",
                _ => "#4a7ab0",
            };
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(s.Time):0.#}\" cy=\"{y}\" r=\"6\" fill=\"{colour}\"><title>{E(ReportFacts.Time(s.Time) + " " + s.Title)}</title></circle>\n");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
