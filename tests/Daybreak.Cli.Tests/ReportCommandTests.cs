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
        var allowed = new HashSet<string> { "html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "ul", "li", "figure", "svg", "line", "text", "circle", "table", "thead", "tbody", "tr", "th", "td" };
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
        var html = File.ReadAllText(dir.File("r/report.html"));
        var md = File.ReadAllText(dir.File("r/report.md"));

        Assert.Contains("<svg", html);
        Assert.Contains("Mailboxes reached: 2; messages read (by message id): 2", html);
        Assert.Contains("Legacy Test App (" + IncidentCase.AttackerApp + ")", html);
        Assert.Contains("accessed, items unknown: 2023-12-02 03:14 UTC to 2023-12-03 03:14 UTC", html);
        Assert.Contains("Dwell time: 3 days 0 hours", html);
        Assert.Contains("No data: the case holds no records of SharePoint or OneDrive access", html);
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
        var html = File.ReadAllText(dir.File("r/report.html"));
        Assert.Contains("Containment: 2 actions done, 1 actions failed", html);
        Assert.Contains("Notification of affected employees: 1 notices queued, 1 notices sent", html);
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
}
