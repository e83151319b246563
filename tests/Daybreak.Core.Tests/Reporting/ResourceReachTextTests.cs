using Daybreak.Reporting.IncidentReports;
using Daybreak.Scoping;
using Daybreak.Tests.Support;

namespace Daybreak.Tests.Reporting;

public sealed class ResourceReachTextTests
{
    private static readonly DateTime T0 = SomeIncident.T0;
    private const string App = SomeIncident.AttackerApp;

    private static IncidentReport Report(IReadOnlyList<SourceCoverage> coverage, params ResourceAccess[] reach)
    {
        var incident = SomeIncident.Create("app");
        incident.BlastRadius.Resources.AddRange(reach);
        return new IncidentReport
        {
            Incident = incident, GeneratedAt = T0.AddDays(30), Version = "test", Coverage = coverage,
            Names = new Dictionary<string, string> { [App] = "Legacy Test App" },
        };
    }

    [Fact]
    public void Nothing_reached_is_no_evidence_only_where_the_source_spans_the_incident_without_a_gap()
    {
        var spans = Report([new SourceCoverage("ual", "OneDrive", T0.AddDays(-1), T0.AddDays(11), 80), new SourceCoverage("graphactivity", null, T0.AddDays(-1), T0.AddDays(11), 9)
            { Gaps = [new TimeWindow(T0.AddDays(2), T0.AddDays(3))] }]);
        Assert.Empty(ResourceReachText.Files(spans));
        Assert.StartsWith("No evidence of SharePoint/OneDrive access by the attacker: records cover 2023-11-28 to 2023-12-10 (80 records)", ResourceReachText.FilesNote(spans));
        Assert.StartsWith("Partial data: records cover only 2023-11-28 to 2023-12-10 (9 records), with no records from 2023-12-01 to 2023-12-02", ResourceReachText.GraphNote(spans));
        Assert.Null(ResourceReachText.Summary(spans));

        var late = Report([new SourceCoverage("graphactivity", null, T0.AddDays(1), T0.AddDays(11), 9)]);
        Assert.StartsWith("Partial data", ResourceReachText.GraphNote(late));
        Assert.StartsWith("No data: the case holds no records of SharePoint/OneDrive access", ResourceReachText.FilesNote(late));

        var graphSpans = Report([new SourceCoverage("graphactivity", null, T0.AddDays(-1), T0.AddDays(11), 9)]);
        Assert.StartsWith("No evidence of Graph reads by the attacker", ResourceReachText.GraphNote(graphSpans));
    }

    [Fact]
    public void Files_are_listed_by_site_path_and_operation_and_graph_requests_by_app_with_method_and_path()
    {
        var report = Report(
            [new SourceCoverage("ual", "SharePoint", T0.AddDays(-1), T0.AddDays(11), 80), new SourceCoverage("graphactivity", null, T0.AddDays(2), T0.AddDays(3), 9)],
            new ResourceAccess("file", "https://contoso.sharepoint.com/sites/legal/Shared Documents/merger.docx", App, T0.AddDays(2), T0.AddDays(4), 3, "FileDownloaded"),
            new ResourceAccess("file", "https://contoso.sharepoint.com/sites/legal/Shared Documents/merger.docx", App, T0.AddDays(2), T0.AddDays(2), 1, "FileAccessed"),
            new ResourceAccess("file", "https://contoso-my.sharepoint.com/personal/amy_contoso_com/Documents/plan.xlsx", App, T0.AddDays(5), T0.AddDays(5), 2, "FileAccessed"),
            new ResourceAccess("graph", "GET /v1.0/users", App, T0.AddDays(2), T0.AddDays(2).AddHours(2), 120, "GET /v1.0/users"),
            new ResourceAccess("graph", "GET /v1.0/servicePrincipals", "9531985d-5d9d-49f8-9818-e811892f902b", T0.AddDays(2), T0.AddDays(2), 4, "GET /v1.0/servicePrincipals"));

        Assert.Equal(
        [
            ["https://contoso-my.sharepoint.com/personal/amy_contoso_com", "/Documents/plan.xlsx", "FileAccessed", "2", "2023-12-04 03:14 UTC", "2023-12-04 03:14 UTC", "Legacy Test App (" + App + ")"],
            ["https://contoso.sharepoint.com/sites/legal", "/Shared Documents/merger.docx", "FileAccessed", "1", "2023-12-01 03:14 UTC", "2023-12-01 03:14 UTC", "Legacy Test App (" + App + ")"],
            ["https://contoso.sharepoint.com/sites/legal", "/Shared Documents/merger.docx", "FileDownloaded", "3", "2023-12-01 03:14 UTC", "2023-12-03 03:14 UTC", "Legacy Test App (" + App + ")"],
        ], ResourceReachText.Files(report));
        Assert.Equal(
        [
            ["9531985d-5d9d-49f8-9818-e811892f902b", "GET", "/v1.0/servicePrincipals", "4", "2023-12-01 03:14 UTC", "2023-12-01 03:14 UTC"],
            ["Legacy Test App (" + App + ")", "GET", "/v1.0/users", "120", "2023-12-01 03:14 UTC", "2023-12-01 05:14 UTC"],
        ], ResourceReachText.Graph(report));
        Assert.StartsWith("SharePoint/OneDrive records cover 2023-11-28 to 2023-12-10 (80 records), spanning the incident without a gap", ResourceReachText.FilesNote(report));
        Assert.StartsWith("Partial data: Graph activity records cover only 2023-12-01 to 2023-12-02 (9 records)", ResourceReachText.GraphNote(report));
        Assert.Equal("Beyond mail, the incident's apps reached 2 file(s) in SharePoint/OneDrive (6 operations) and 2 Microsoft Graph request path(s) (124 requests).",
            ResourceReachText.Summary(report));
        var caveats = ReportFacts.Caveats(report).ToDictionary(c => c.Question, c => c.Status);
        Assert.Equal(ReportFacts.EvidenceFound, caveats[ReportFacts.FilesQuestion]);
        Assert.Equal(ReportFacts.EvidenceFound, caveats[ReportFacts.GraphQuestion]);
    }

    [Theory]
    [InlineData("https://contoso.sharepoint.com/sites/legal/Shared Documents/a.docx", "https://contoso.sharepoint.com/sites/legal", "/Shared Documents/a.docx")]
    [InlineData("https://contoso.sharepoint.com/teams/x", "https://contoso.sharepoint.com/teams/x", "/")]
    [InlineData("https://contoso.sharepoint.com/Shared Documents/root.txt", "https://contoso.sharepoint.com", "/Shared Documents/root.txt")]
    [InlineData("https://contoso.sharepoint.com", "https://contoso.sharepoint.com", "/")]
    [InlineData("5b1e0c2a-0000-4000-8000-000000000000", "", "5b1e0c2a-0000-4000-8000-000000000000")]
    [InlineData("", "", "")]
    public void Object_urls_split_into_site_and_path(string resource, string site, string path) =>
        Assert.Equal((site, path), SharePointLocation.Split(resource));

    [Fact]
    public void Huge_paths_are_clipped_and_say_so_without_splitting_a_surrogate_pair()
    {
        var path = "/v1.0/users/" + new string('a', ResourceReachText.MaxShown - 13) + "😀" + new string('b', 5000);
        var shown = ResourceReachText.Clip(path);
        Assert.EndsWith(" more characters)", shown);
        Assert.True(shown.Length < ResourceReachText.MaxShown + 40);
        Assert.DoesNotContain(shown, c => char.IsSurrogate(c)); // the emoji straddled the cut, so it went whole
        Assert.Equal("/v1.0/users", ResourceReachText.Clip("/v1.0/users"));
    }
}
