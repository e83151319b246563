using System.Globalization;
using Daybreak.Scoping;

namespace Daybreak.Reporting.IncidentReports;

/// <summary>
/// The report's "beyond mail" section as plain text rows and sentences: SharePoint/OneDrive files by site, path and
/// operation, and Microsoft Graph requests by app. Where nothing was found, the sentence follows the coverage rule:
/// "no evidence" only when the source spans the incident without a gap, otherwise "no data" or "partial data".
/// </summary>
public static class ResourceReachText
{
    /// <summary>Longest resource text shown in a cell; a longer one (an attacker can make paths huge) is clipped and says so.</summary>
    public const int MaxShown = 300;

    public static readonly IReadOnlyList<string> FileHeader = ["Site", "Path", "Operation", "Count", "First", "Last", "By"];

    public static readonly IReadOnlyList<string> GraphHeader = ["App", "Method", "Path", "Requests", "First", "Last"];

    public static IReadOnlyList<IReadOnlyList<string>> Files(IncidentReport r) =>
        Of(r, "file").Select(a => (Access: a, Where: SharePointLocation.Split(a.Resource)))
            .OrderBy(x => x.Where.Site, StringComparer.Ordinal).ThenBy(x => x.Where.Path, StringComparer.Ordinal)
            .ThenBy(x => x.Access.Operation, StringComparer.Ordinal).ThenBy(x => x.Access.Actor, StringComparer.Ordinal)
            .Select(x => (IReadOnlyList<string>)
            [
                x.Where.Site.Length == 0 ? "(not a site URL)" : Clip(x.Where.Site), Clip(x.Where.Path), x.Access.Operation,
                Count(x.Access.Count), ReportFacts.Time(x.Access.FirstAccess), ReportFacts.Time(x.Access.LastAccess), ReportText.Named(r, x.Access.Actor),
            ]).ToList();

    public static IReadOnlyList<IReadOnlyList<string>> Graph(IncidentReport r) =>
        Of(r, "graph").Select(a => (Access: a, App: ReportText.Named(r, a.Actor), Request: MethodAndPath(a.Resource)))
            .OrderBy(x => x.App, StringComparer.Ordinal).ThenBy(x => x.Request.Path, StringComparer.Ordinal).ThenBy(x => x.Request.Method, StringComparer.Ordinal)
            .Select(x => (IReadOnlyList<string>)
            [
                x.App, x.Request.Method, Clip(x.Request.Path), Count(x.Access.Count), ReportFacts.Time(x.Access.FirstAccess), ReportFacts.Time(x.Access.LastAccess),
            ]).ToList();

    /// <summary>What the file table (or its absence) means, given how far the SharePoint/OneDrive records reach.</summary>
    public static string FilesNote(IncidentReport r) => Note(r, ReportFacts.FilesQuestion, Of(r, "file").Any(), "SharePoint/OneDrive", "file operations");

    /// <summary>What the Graph table (or its absence) means, given how far the Graph activity logs reach.</summary>
    public static string GraphNote(IncidentReport r) => Note(r, ReportFacts.GraphQuestion, Of(r, "graph").Any(), "Graph activity", "Graph requests");

    /// <summary>One summary line, or null when the incident reached nothing beyond mail.</summary>
    public static string? Summary(IncidentReport r)
    {
        var files = Of(r, "file").ToList();
        var graph = Of(r, "graph").ToList();
        if (files.Count == 0 && graph.Count == 0) return null;
        var parts = new List<string>();
        if (files.Count > 0)
            parts.Add($"{Count(files.Select(f => f.Resource).Distinct(StringComparer.Ordinal).Count())} file(s) in SharePoint/OneDrive ({Count(files.Sum(f => f.Count))} operations)");
        if (graph.Count > 0)
            parts.Add($"{Count(graph.Count)} Microsoft Graph request path(s) ({Count(graph.Sum(g => g.Count))} requests)");
        return "Beyond mail, the incident's apps reached " + string.Join(" and ", parts) + ".";
    }

    private static string Note(IncidentReport r, string question, bool listed, string source, string what)
    {
        var caveat = ReportFacts.Caveat(r, question);
        if (!listed)
        {
            return caveat.Status == ReportFacts.EvidenceFound
                ? $"No {what} by the incident's apps or service principals were found, though the incident's alerts cite {source} records (see the timeline)."
                : caveat.Text;
        }
        return caveat.Period is null ? $"The case holds no coverage period for {source} records, so other {what} may be missing (no data)."
            : caveat.SpansIncident ? $"{source} records cover {caveat.Period}, spanning the incident without a gap: anything not listed shows no evidence of access in these logs."
            : $"Partial data: {source} records cover only {caveat.Period}; {what} outside that period would not show here.";
    }

    private static IEnumerable<ResourceAccess> Of(IncidentReport r, string kind) => r.Incident.BlastRadius.Resources.Where(a => a.Kind == kind);

    private static (string Method, string Path) MethodAndPath(string resource)
    {
        var space = resource.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? (resource[..space], resource[(space + 1)..]) : ("", resource);
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Cuts text to <see cref="MaxShown"/> characters (never inside a surrogate pair) and says how much was left out.</summary>
    public static string Clip(string text)
    {
        if (text.Length <= MaxShown) return text;
        var cut = char.IsHighSurrogate(text[MaxShown - 1]) ? MaxShown - 1 : MaxShown;
        return text[..cut] + $"… ({Count(text.Length - cut)} more characters)";
    }
}
