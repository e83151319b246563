using Daybreak.Response.Containment;
using Daybreak.Response.Graph;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Daybreak.Storage;
using Daybreak.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Daybreak.Tests;

public sealed class ReportCommandTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2024, 1, 22, 9, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(IncidentCase.Hostile)]
    [InlineData("\"><img src=x onerror=alert(1)>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("</title><script src=//evil.example/x.js></script>")]
    public void Log_values_never_become_markup_in_the_html_or_the_markdown(string hostile)
    {
        using var dir = new TempDir();
        var c = IncidentCase.Create(dir, hostile);
        var r = Cli.Run(Clock, "report", c.Incident.Id, "--out", dir.File("report"), "--db", c.Db);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var html = File.ReadAllText(dir.File("report/report.html"));
        var md = File.ReadAllText(dir.File("report/report.md"));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex(@"<[^>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase), html);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(hostile), html); // shown, as text: the display name from the logs
        Assert.Contains("Content-Security-Policy", html);
        Assert.DoesNotContain("<script", md, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex(@"<[a-z]", RegexOptions.IgnoreCase), md);

        // Well-formed: the whole page parses as XML, and its only elements are the ones the writer makes.
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        var doc = XDocument.Load(reader);
        var allowed = new HashSet<string> { "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "ul", "li", "figure", "svg", "line", "text", "circle", "table", "wbr", "div", "span", "thead", "tbody", "tr", "th", "td" };
        Assert.All(doc.Descendants(), e => Assert.Contains(e.Name.LocalName, allowed));
        Assert.All(doc.Descendants().Attributes(), a => Assert.False(a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase), a.Name.LocalName));
    }

    [Fact]
    public void Report_states_blast_radius_coverage_response_status_and_clocks()
    {
        using var dir = new TempDir();
        var c = IncidentCase.Create(dir, "Legacy Test App");
        var r = Cli.Run(Clock, "report", "inc-7f3", "--out", dir.File("r"), "--db", c.Db, "--materiality-date", "2024-01-19", "--clock", "NYDFS 500.17=72h");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var html = Plain(File.ReadAllText(dir.File("r/report.html")));
        var md = File.ReadAllText(dir.File("r/report.md"));

        Assert.Contains("<svg", html);
        Assert.Contains("Mailboxes reached: 2; messages read (by message id): 2", html);
        Assert.Contains("Legacy Test App (" + IncidentCase.AttackerApp + ")", html);
        Assert.Contains("accessed, items unknown: 2023-12-02 03:14 UTC to 2023-12-03 03:14 UTC", html);
        Assert.Contains("Dwell time: 3 days 0 hours", html);
        Assert.Contains("Containment: not started", html);
        Assert.Contains("Notification of affected employees: not started", html);
        // GDPR: 72 hours from detection (2023-12-02 03:14); SEC: four business days from Friday 19 January is Thursday 25 January.
        Assert.Contains("2023-12-05 03:14 UTC", html);
        Assert.Contains("2024-01-25 00:00 UTC", html);
        Assert.Contains("NYDFS 500.17", html);
        Assert.Contains("| ceo@contoso.com | 2 (2.9 KB) |", md.Replace("\\", ""));

        var noDate = Cli.Run(Clock, "report", "inc-7f3", "--out", dir.File("r2"), "--db", c.Db);
        Assert.Equal(0, noDate.ExitCode);
        Assert.Contains("Not started: materiality not determined.", File.ReadAllText(dir.File("r2/report.html")));
    }

    [Fact]
    public void Files_and_graph_requests_beyond_mail_are_listed_with_what_the_coverage_allows()
    {
        using var dir = new TempDir();
        var c = IncidentCase.Create(dir, "Legacy Test App");
        Assert.Equal(0, Cli.Run(Clock, "report", c.Incident.Id, "--out", dir.File("r"), "--db", c.Db).ExitCode);
        var html = Plain(File.ReadAllText(dir.File("r/report.html")));
        var md = File.ReadAllText(dir.File("r/report.md")).Replace("\\", "");

        Assert.Contains("<td>https://contoso.sharepoint.com/sites/legal</td><td>/Shared Documents/Legacy Test App.docx</td><td>FileDownloaded</td><td>1</td>", html);
        Assert.Contains($"<td>Legacy Test App ({IncidentCase.AttackerApp})</td><td>GET</td><td>/v1.0/users/Legacy Test App/messages</td><td>40</td><td>2023-12-01 03:14 UTC</td><td>2023-12-01 04:14 UTC</td>", html);
        // One SharePoint record and one Graph record in the case, on the same day: neither spans the incident.
        Assert.Contains("Partial data: SharePoint/OneDrive records cover only 2023-12-01 to 2023-12-01 (1 records)", html);
        Assert.Contains("Partial data: Graph activity records cover only 2023-12-01 to 2023-12-01 (1 records)", html);
        Assert.Contains("| https://contoso.sharepoint.com/sites/legal | /Shared Documents/Legacy Test App.docx | FileDownloaded | 1 |", md);
        Assert.Contains("| GET | /v1.0/users/Legacy Test App/messages | 40 |", md);
        Assert.Contains("Beyond mail, the incident's apps reached 1 file(s) in SharePoint/OneDrive (1 operations) and 1 Microsoft Graph request path(s) (40 requests).", md);
    }

    [Fact]
    public void The_sample_case_report_shows_the_attackers_graph_enumeration_and_no_data_for_files()
    {
        using var dir = new TempDir();
        var db = dir.File("case.duckdb");
        Assert.Equal(0, Cli.Run("hunt", Path.Combine(Corpus.RepoRoot, "samples"), "--db", db).ExitCode);
        var id = Cli.Run("query", "SELECT incident_id FROM incidents WHERE severity = 'critical'", "--db", db, "--csv").Out.Split('\n')[1].Trim();
        Assert.Equal(0, Cli.Run(Clock, "report", id, "--out", dir.File("r"), "--db", db).ExitCode);
        var html = Plain(File.ReadAllText(dir.File("r/report.html")));

        var graphRows = Regex.Matches(html, "<tr><td>[^<]*</td><td>GET</td><td>(/v1.0/[^<]*)</td><td>1</td>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["/v1.0/servicePrincipals", "/v1.0/users", "/v1.0/users/satya.n@contoso.com/mailFolders/inbox/messages"], graphRows);
        Assert.Contains("Partial data: Graph activity records cover only 2023-12-01 to 2023-12-01 (3 records)", html);
        Assert.Contains("No data: the case holds no records of SharePoint/OneDrive access", html);
        Assert.DoesNotContain("No evidence of SharePoint", html);
    }

    [Fact]
    public void Containment_and_notices_ledgers_are_read_when_they_hold_the_incident()
    {
        using var dir = new TempDir();
        var c = IncidentCase.Create(dir);
        var t = new DateTime(2024, 1, 20, 0, 0, 0, DateTimeKind.Utc);
        using (var store = CaseStore.Open(c.Db))
        {
            var actions = new ActionLedger(store);
            ActionRecord Step(string incident, string key, string outcome, int minute) =>
                new() { IncidentId = incident, StepKey = key, Kind = "step", Outcome = outcome, Time = t.AddMinutes(minute) };
            actions.Record(Step(c.Incident.Id, "disable-user", "failed", 0));
            actions.Record(Step(c.Incident.Id, "disable-user", "done", 5));   // a rerun succeeded: the latest outcome counts
            actions.Record(Step(c.Incident.Id, "remove-password", "done", 1));
            actions.Record(Step(c.Incident.Id, "delete-assignment", "failed", 2));
            actions.Record(new ActionRecord { IncidentId = c.Incident.Id, StepKey = "remove-password", Kind = "request", Outcome = "ok", Time = t });
            actions.Record(Step("other", "disable-user", "done", 0));
            var notices = new NoticeLedger(store);
            notices.Queue([new Daybreak.Response.Notices.Notice(c.Incident.Id, "ceo@contoso.com", "s", "t", "h", "<m1@x>"),
                new Daybreak.Response.Notices.Notice(c.Incident.Id, "cfo@contoso.com", "s", "t", "h", "<m2@x>")], t);
            notices.MarkSent(c.Incident.Id, "ceo@contoso.com", t);
        }
        Assert.Equal(0, Cli.Run(Clock, "report", c.Incident.Id, "--out", dir.File("r"), "--db", c.Db).ExitCode);
        var html = Plain(File.ReadAllText(dir.File("r/report.html")));
        Assert.Contains("Containment: 2 actions done, 1 actions failed", html);
        Assert.Contains("Notification of affected employees: 1 notices queued, 1 notices sent", html);
    }

    [Fact]
    public void Business_day_clocks_skip_holidays_from_the_built_in_calendar_and_the_clocks_file()
    {
        using var dir = new TempDir();
        var c = IncidentCase.Create(dir, "Legacy Test App");
        var clocks = dir.Write("clocks.yml", """
            clocks:
              - name: UK ICO
                deadline: 3bd
                holidays: [2024-11-29]
            """);
        var r = Cli.Run(Clock, "report", c.Incident.Id, "--out", dir.File("r"), "--db", c.Db, "--materiality-date", "2024-11-27T16:00:00Z",
            "--awareness-date", "2024-11-27T16:00:00Z", "--clocks", clocks);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var html = Plain(File.ReadAllText(dir.File("r/report.html")));
        // SEC: Wednesday before Thanksgiving + 4 business days is Wednesday 4 December, not Tuesday 3.
        Assert.Contains("<td>SEC Form 8-K (Item 1.05)</td><td>4 business days</td><td>materiality determination</td><td>2024-11-27 16:00 UTC</td><td>2024-12-04 16:00 UTC</td>", html);
        Assert.Contains("SEC Form 8-K (Item 1.05): business days skip weekends and US federal holidays; this count passes over Thanksgiving Day (2024-11-28).", html);
        // The UK clock has its own calendar: Thanksgiving counts, the listed Friday does not: Thu 28, Mon 2, Tue 3.
        Assert.Contains("<td>UK ICO</td><td>3 business days</td><td>awareness (as given)</td><td>2024-11-27 16:00 UTC</td><td>2024-12-03 16:00 UTC</td>", html);
        Assert.Contains("UK ICO: business days skip weekends and 1 listed date; this count passes over holiday (configured) (2024-11-29).", html);
        Assert.Contains("SEC Form 8-K (Item 1.05): business days skip weekends and US federal holidays; this count passes over Thanksgiving Day (2024-11-28).",
            File.ReadAllText(dir.File("r/report.md")));

        var bad = dir.Write("bad.yml", "clocks:\n  - name: X\n    deadline: 4bd\n    holidays: easter\n");
        var refused = Cli.Run(Clock, "report", c.Incident.Id, "--out", dir.File("r2"), "--db", c.Db, "--clocks", bad);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("bad.yml:4:15: 'easter' is neither a holiday calendar", refused.Error + refused.Out);
    }

    [Theory]
    [InlineData("--clock", "GDPR")]
    [InlineData("--clock", "X=3 weeks")]
    [InlineData("--materiality-date", "soon")]
    public void Bad_clock_options_are_usage_errors(string option, string value)
    {
        using var dir = new TempDir();
        var r = Cli.Run("report", "inc", "--out", dir.File("r"), option, value);
        Assert.Equal(1, r.ExitCode);
    }

    /// <summary>The page without the layout's cell classes and break hints, so assertions read the cells' text.</summary>
    private static string Plain(string html) =>
        Regex.Replace(Regex.Replace(html, "<(td|th) class=\"[a-z]+\">", "<$1>"), "<span class=\"nw\">([^<]*)</span>", "$1").Replace("<wbr/>", "", StringComparison.Ordinal);
}
