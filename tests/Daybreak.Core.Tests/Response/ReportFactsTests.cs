using Daybreak.Reporting.IncidentReports;
using Daybreak.Tests.Support;

namespace Daybreak.Tests.Response;

public sealed class ReportFactsTests
{
    private static readonly DateTime T0 = SomeIncident.T0;

    [Fact]
    public void No_evidence_is_said_only_where_the_source_spans_the_incident()
    {
        var incident = SomeIncident.Create("app");
        var report = new IncidentReport
        {
            Incident = incident, GeneratedAt = T0.AddDays(30), Version = "test",
            Coverage =
            [
                new SourceCoverage("ual", "SharePoint", T0.AddDays(-10), T0.AddDays(20), 500),
                new SourceCoverage("graphactivity", null, T0.AddDays(5), T0.AddDays(20), 50),
                new SourceCoverage("signin", null, T0.AddDays(-10), T0.AddDays(20), 900),
            ],
            EvidenceSources = [("signin", null)],
        };
        var caveats = ReportFacts.Caveats(report).ToDictionary(c => c.Question, c => c);
        Assert.Equal(ReportFacts.NoEvidence, caveats["SharePoint / OneDrive file access"].Status);
        Assert.StartsWith("No evidence of SharePoint/OneDrive access", caveats["SharePoint / OneDrive file access"].Text);
        Assert.Equal(ReportFacts.Partial, caveats["Microsoft Graph API calls"].Status);
        Assert.Equal(ReportFacts.EvidenceFound, caveats["Sign-ins by the accounts and apps involved"].Status);
        Assert.Equal(ReportFacts.NoData, caveats["Directory changes (apps, credentials, consents, role assignments)"].Status);
        Assert.Equal(ReportFacts.EvidenceFound, caveats["Mailbox access (MailItemsAccessed)"].Status); // the blast radius is evidence
    }

    [Fact]
    public void A_gap_in_a_source_during_the_incident_is_no_data_not_no_evidence()
    {
        var incident = SomeIncident.Create("app");
        var gap = new Daybreak.Scoping.TimeWindow(incident.FirstSeen.AddHours(1), incident.FirstSeen.AddDays(2));
        var report = new IncidentReport
        {
            Incident = incident, GeneratedAt = T0.AddDays(30), Version = "test",
            Coverage = [new SourceCoverage("ual", "SharePoint", T0.AddDays(-10), T0.AddDays(20), 500) { Gaps = [gap] }],
        };
        var caveat = ReportFacts.Caveats(report).Single(c => c.Question == "SharePoint / OneDrive file access");
        Assert.Equal(ReportFacts.Partial, caveat.Status);
        Assert.Contains("with no records from", caveat.Text);
    }

    [Theory]
    [InlineData("GDPR=72h", "2024-01-19T10:00:00Z", "2024-01-22T10:00:00Z")]
    [InlineData("SEC=4bd@materiality", "2024-01-19T10:00:00Z", "2024-01-25T10:00:00Z")] // Friday + 4 business days
    [InlineData("X=4bd", "2024-01-20T10:00:00Z", "2024-01-25T10:00:00Z")] // from a Saturday
    [InlineData("Y=30d", "2024-01-01T00:00:00Z", "2024-01-31T00:00:00Z")]
    public void Clocks_count_hours_days_and_business_days(string spec, string start, string due)
    {
        Assert.True(RegulatoryClock.TryParse(spec, out var clock, out var error), error);
        var s = DateTime.Parse(start, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.Equal(DateTime.Parse(due, null, System.Globalization.DateTimeStyles.AdjustToUniversal), clock!.Due(s));
    }

    [Fact]
    public void Markdown_escaping_keeps_values_inert()
    {
        Assert.Equal("&lt;script&gt;alert\\(1\\)&lt;/script&gt;".Replace("\\(", "(").Replace("\\)", ")"), MarkdownReportWriter.M("<script>alert(1)</script>"));
        Assert.Equal("\\[x\\](http://e) a\\|b", MarkdownReportWriter.M("[x](http://e) a|b"));
        Assert.Equal("a b", MarkdownReportWriter.M("a\nb"));
    }
}
