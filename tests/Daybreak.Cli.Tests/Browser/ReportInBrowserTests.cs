using System.Buffers.Binary;
using System.Net;
using System.Text.RegularExpressions;
using Daybreak.Reporting.IncidentReports;
using Daybreak.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Daybreak.Tests.Browser;

/// <summary>
/// The incident report rendered by a real browser: log fields that carry script payloads must show as text and never
/// run, and the page must not overflow. Needs Debian's chromium (skipped without it, unless CI=true).
/// </summary>
public sealed class ReportInBrowserTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2024, 1, 22, 9, 0, 0, TimeSpan.Zero));

    // What the writer may produce; a payload that became markup would add another element.
    private static readonly HashSet<string> Elements =
    [
        "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "ul", "li", "figure", "svg", "line", "text", "circle",
        "div", "table", "thead", "tbody", "tr", "th", "td", "wbr", "span",
    ];

    // Each payload, if it ran, would set the page title to "pwned" or add an element whose id starts with "pwned".
    public static TheoryData<string> Payloads => new()
    {
        "<script>document.title='pwned';document.body.appendChild(document.createElement('div')).id='pwned'</script>",
        "<img src=x onerror=\"document.title='pwned';document.body.appendChild(document.createElement('div')).id='pwned'\">",
        "<a href=\"javascript:document.title='pwned'\" id=\"pwned-link\">open the report</a>",
        "</text><script>document.title='pwned'</script><text>",
        "<svg onload=\"document.title='pwned'\"><foreignObject><div id='pwned'></div></foreignObject></svg>",
        "\"><iframe srcdoc=\"<script>parent.document.title='pwned'</script>\"></iframe>",
        "<style>body{display:none}</style><meta http-equiv=\"refresh\" content=\"0;url=javascript:document.title='pwned'\">",
    };

    [SkippableTheory]
    [MemberData(nameof(Payloads))]
    public void Script_payloads_in_log_fields_are_shown_as_text_and_never_run(string payload)
    {
        var chromium = HeadlessChromium.Require();
        using var dir = new TempDir();
        var c = IncidentCase.Create(dir, payload);
        Assert.Equal(0, Cli.Run(Clock, "report", c.Incident.Id, "--out", dir.File("r"), "--db", c.Db).ExitCode);
        var dom = chromium.DumpDom(dir.File("r/report.html"));

        var title = Regex.Match(dom, "<title>(.*?)</title>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal("Incident report: App takeover and mail read " + payload, WebUtility.HtmlDecode(title)); // not "pwned"
        Assert.DoesNotMatch(new Regex("<[a-zA-Z][^<>]*\\sid=\"pwned"), dom);
        Assert.DoesNotMatch(new Regex("<[^<>]+=\"\\s*javascript:", RegexOptions.IgnoreCase), dom);
        var tags = Regex.Matches(dom, "<([a-zA-Z][a-zA-Z0-9]*)").Select(m => m.Groups[1].Value.ToLowerInvariant()).ToHashSet();
        Assert.Subset(Elements, tags);
        Assert.Single(Regex.Matches(dom, "<style[\\s>]"));

        // Shown as text where a reader looks for it: the heading and the timeline chart's dot captions.
        Assert.Contains("<h1>Incident report: App takeover and mail read " + AsText(payload) + "</h1>", dom);
        Assert.Contains("<title>2023-11-29 08:14 UTC Password spray " + AsText(payload) + "</title>", dom);
        Assert.Contains("<td>" + AsText("\\Inbox\\" + payload), dom.Replace("<td class=\"id\">", "<td>").Replace("<wbr>", ""));
    }

    [SkippableFact]
    public void The_content_security_policy_stops_script_even_where_an_escape_was_missed()
    {
        var chromium = HeadlessChromium.Require();
        using var dir = new TempDir();
        var c = IncidentCase.Create(dir, "Legacy Test App");
        Assert.Equal(0, Cli.Run(Clock, "report", c.Incident.Id, "--out", dir.File("r"), "--db", c.Db).ExitCode);
        var html = File.ReadAllText(dir.File("r/report.html"));
        Assert.Contains("content=\"" + HtmlReportWriter.ContentSecurityPolicy + "\"", html);

        // Markup an attacker would want, put in raw, as if the writer had forgotten to escape one value.
        const string raw = "<script>document.title='pwned'</script>"
            + "<img src=x onerror=\"document.body.appendChild(document.createElement('div')).id='pwned-img'\">"
            + "<svg onload=\"document.body.appendChild(document.createElement('div')).id='pwned-svg'\"></svg>";
        var withPolicy = dir.Write("missed-escape.html", html.Replace("</body>", raw + "</body>", StringComparison.Ordinal));
        var dom = chromium.DumpDom(withPolicy);
        Assert.StartsWith("Incident report: App takeover", Regex.Match(dom, "<title>(.*?)</title>").Groups[1].Value);
        Assert.DoesNotContain("id=\"pwned", dom);

        // The same page without the policy: the browser runs all three, so the checks above can fail.
        var csp = Regex.Match(html, "<meta http-equiv=\"Content-Security-Policy\"[^>]*/>\n").Value;
        Assert.NotEmpty(csp);
        var withoutPolicy = dir.Write("no-policy.html", html.Replace(csp, "", StringComparison.Ordinal).Replace("</body>", raw + "</body>", StringComparison.Ordinal));
        var ran = chromium.DumpDom(withoutPolicy);
        Assert.Contains("<title>pwned</title>", ran);
        Assert.Contains("id=\"pwned-img\"", ran);
        Assert.Contains("id=\"pwned-svg\"", ran);
    }

    [SkippableTheory]
    [InlineData(1280)]
    [InlineData(800)]
    public void Long_ids_and_wide_tables_do_not_widen_the_page_and_chart_labels_stay_inside_the_chart(int width)
    {
        var chromium = HeadlessChromium.Require();
        using var dir = new TempDir();
        var longId = "app-" + string.Concat(Enumerable.Repeat("0123456789abcdef", 25)); // 404 characters, no space
        var c = IncidentCase.Create(dir, longId);
        Assert.Equal(0, Cli.Run(Clock, "report", c.Incident.Id, "--out", dir.File("r"), "--db", c.Db).ExitCode);
        var html = File.ReadAllText(dir.File("r/report.html"));

        // Measuring needs script, which the report forbids: measure a copy without the policy.
        const string measure = """
            <script>
            const svg = document.querySelector('figure svg');
            const box = svg.viewBox.baseVal;
            const outside = [...svg.querySelectorAll('text')].filter(t => { const b = t.getBBox(); return b.x < 0 || b.x + b.width > box.width; }).length;
            document.title = 'page=' + document.documentElement.scrollWidth + ' window=' + window.innerWidth + ' labels-outside=' + outside;
            </script>
            """;
        var csp = Regex.Match(html, "<meta http-equiv=\"Content-Security-Policy\"[^>]*/>\n").Value;
        var page = dir.Write("measure.html", html.Replace(csp, "", StringComparison.Ordinal).Replace("</body>", measure + "</body>", StringComparison.Ordinal));
        var title = Regex.Match(chromium.DumpDom(page, width, 900), "<title>(.*?)</title>").Groups[1].Value;
        var m = Regex.Match(title, "^page=(\\d+) window=(\\d+) labels-outside=(\\d+)$");
        Assert.True(m.Success, title);
        Assert.True(int.Parse(m.Groups[1].Value) <= int.Parse(m.Groups[2].Value), $"the page is wider than the window: {title}");
        Assert.Equal("0", m.Groups[3].Value);
    }

    [SkippableFact]
    public void A_screenshot_of_the_sample_case_report_is_taken_at_the_size_asked()
    {
        var chromium = HeadlessChromium.Require();
        using var dir = new TempDir();
        var db = dir.File("case.duckdb");
        Assert.Equal(0, Cli.Run("hunt", Path.Combine(Corpus.RepoRoot, "samples"), "--db", db).ExitCode);
        var id = Cli.Run("query", "SELECT incident_id FROM incidents WHERE severity = 'critical'", "--db", db, "--csv").Out.Split('\n')[1].Trim();
        Assert.Equal(0, Cli.Run(Clock, "report", id, "--out", dir.File("r"), "--db", db).ExitCode);

        var png = dir.File("report.png");
        chromium.Screenshot(dir.File("r/report.html"), png, 1280, 2400);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.Equal((1280, 2400), (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)))); // IHDR
        Assert.True(bytes.Length > 50_000, $"a {bytes.Length}-byte screenshot is too small to hold the rendered report");
    }

    /// <summary>Text as the browser serialises a text node: only &amp;, &lt; and &gt; are escaped.</summary>
    private static string AsText(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
