using System.Globalization;
using System.Net;
using System.Text;
using Daybreak.Correlation;
using Daybreak.Detection;
using Daybreak.Response.Stix;

namespace Daybreak.Reporting.IncidentReports;

/// <summary>
/// The incident's steps over time as a hand-written inline SVG: one lane per technique (id and short name), one dot
/// per step coloured by severity with a legend, a line at detection. No script, no external resources; every text
/// from the logs is escaped. The page scales it to its width; it never gets narrower than the labels can be read at.
/// </summary>
public static class TimelineSvg
{
    private const int Left = 290;
    private const int Width = 1100;
    private const int Right = 70;
    private const int Plot = Width - Left - Right;
    private const int Lane = 30;
    private const int Top = 34;
    private const int MaxLabel = 40;
    private const int Pad = 10;

    private static readonly (Severity Severity, string Colour)[] Colours =
        [(Severity.Critical, "#8b0000"), (Severity.High, "#d9480f"), (Severity.Medium, "#e6a700"), (Severity.Low, "#4a7ab0")];

    public static string Render(Incident incident)
    {
        var steps = incident.Steps.OrderBy(s => s.Time).ToList();
        var lanes = steps.Select(s => s.Technique ?? "other").Distinct().ToList();
        var start = new[] { incident.FirstSeen }.Concat(steps.Select(s => s.Time)).Min();
        var end = new[] { incident.LastSeen, incident.DetectedAt }.Concat(steps.Select(s => s.Time)).Max();
        if (end <= start) end = start.AddHours(1);
        // Dots at the very start or end keep their whole circle inside the plot.
        double X(DateTime t) => Left + Pad + (t - start).TotalSeconds / (end - start).TotalSeconds * (Plot - 2 * Pad);
        var height = Top + Math.Max(1, lanes.Count) * Lane + 80;
        var severities = incident.Alerts.ToDictionary(a => a.Id, a => a.Severity, StringComparer.Ordinal);

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Incident timeline\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"14\">\n");
        sb.Append("<title>Incident timeline: steps by ATT&amp;CK technique over time</title>\n");
        for (var i = 0; i < lanes.Count; i++)
        {
            var y = Top + i * Lane + Lane / 2;
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{y}\" x2=\"{Left + Plot}\" y2=\"{y}\" stroke=\"#ddd\"/>\n");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 10}\" y=\"{y + 5}\" text-anchor=\"end\">{E(LaneLabel(lanes[i]))}</text>\n");
        }
        var axis = Top + lanes.Count * Lane + 6;
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{axis}\" x2=\"{Left + Plot}\" y2=\"{axis}\" stroke=\"#333\"/>\n");
        for (var k = 0; k <= 4; k++)
        {
            var t = start + (end - start) * (k / 4.0);
            var x = X(t);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"{axis}\" x2=\"{x:0.#}\" y2=\"{axis + 5}\" stroke=\"#333\"/>\n");
            // Date over time, so neighbouring labels do not run into each other; the end ticks' labels are anchored
            // inwards, so the first and last stay inside the picture.
            var anchor = k == 0 ? "start" : k == 4 ? "end" : "middle";
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{axis + 20}\" text-anchor=\"{anchor}\" fill=\"#333\">{t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}</text>\n");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{axis + 37}\" text-anchor=\"{anchor}\" fill=\"#333\">{t.ToString("HH:mm", CultureInfo.InvariantCulture)}</text>\n");
        }
        var dx = X(incident.DetectedAt);
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{dx:0.#}\" y1=\"{Top - 12}\" x2=\"{dx:0.#}\" y2=\"{axis}\" stroke=\"#c00\" stroke-dasharray=\"4 3\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{dx + (dx < Left + 90 ? 4 : -4):0.#}\" y=\"{Top - 16}\" text-anchor=\"{(dx < Left + 90 ? "start" : "end")}\" fill=\"#c00\">detected {E(incident.DetectedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))}</text>\n");
        foreach (var s in steps)
        {
            var y = Top + lanes.IndexOf(s.Technique ?? "other") * Lane + Lane / 2;
            var colour = Colour(severities.TryGetValue(s.Alert, out var sev) ? sev : Severity.Medium);
            // A white rim keeps dots that fall close together apart to the eye.
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(s.Time):0.#}\" cy=\"{y}\" r=\"7\" fill=\"{colour}\" stroke=\"#fff\" stroke-width=\"1.5\"><title>{E(ReportFacts.Time(s.Time) + " " + s.Title)}</title></circle>\n");
        }
        var legendY = axis + 62;
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 10}\" y=\"{legendY + 5}\" text-anchor=\"end\" fill=\"#333\">severity</text>\n");
        for (var k = 0; k < Colours.Length; k++)
        {
            var lx = Left + k * 110;
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{lx + 7}\" cy=\"{legendY}\" r=\"7\" fill=\"{Colours[k].Colour}\"/>\n");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{lx + 20}\" y=\"{legendY + 5}\" fill=\"#333\">{Colours[k].Severity.Name()}</text>\n");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string Colour(Severity severity) => Colours.FirstOrDefault(c => c.Severity == severity).Colour ?? Colours[^1].Colour;

    /// <summary>"T1110.003 Password Spraying": the id and the sub-technique's own name, cut to fit the label column.</summary>
    private static string LaneLabel(string technique)
    {
        var name = AttackTechniques.Name(technique);
        var colon = name.IndexOf(": ", StringComparison.Ordinal);
        var label = name == technique ? technique : technique + " " + (colon >= 0 ? name[(colon + 2)..] : name);
        return label.Length <= MaxLabel ? label : label[..(MaxLabel - 1)].TrimEnd() + "…";
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
