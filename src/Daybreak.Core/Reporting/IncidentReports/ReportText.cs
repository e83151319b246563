using System.Globalization;
using Daybreak.Detection;
using Daybreak.Response.Stix;

namespace Daybreak.Reporting.IncidentReports;

/// <summary>The report's sentences and rows as plain text, shared by the HTML and Markdown writers (which escape them).</summary>
public static class ReportText
{
    public static IReadOnlyList<string> Summary(IncidentReport r)
    {
        var i = r.Incident;
        var mailboxes = i.BlastRadius.Mailboxes;
        var techniques = i.Techniques.Select(t => $"{AttackTechniques.Name(t)} ({t})");
        var lines = new List<string>
        {
            $"What happened: {i.Title}. {i.Steps.Count} step(s) from {ReportFacts.Time(i.FirstSeen)} to {ReportFacts.Time(i.LastSeen)}: {string.Join("; ", techniques)}.",
            $"Severity: {i.Severity.Name()}.",
            $"First malicious activity: {ReportFacts.Time(i.FirstSeen)}. Detected: {ReportFacts.Time(i.DetectedAt)}. Dwell time: {ReportFacts.Span(i.Dwell)}.",
            mailboxes.Count == 0
                ? "Mailboxes: no mailbox access attributed to this incident."
                : $"Mailboxes reached: {mailboxes.Count}; messages read (by message id): {r.MessagesRead.ToString("N0", CultureInfo.InvariantCulture)}"
                  + $"; whole folders synced in {mailboxes.Count(m => m.FoldersSynced.Count > 0)} mailbox(es)"
                  + $"; {mailboxes.Count(m => m.UnknownWindows.Count > 0)} mailbox(es) accessed in periods where the items read are unknown.",
        };
        if (ResourceReachText.Summary(r) is { } reach) lines.Add(reach);
        if (i.Entities.Apps.Count > 0) lines.Add("Applications involved: " + string.Join("; ", i.Entities.Apps.Select(a => Named(r, a))) + ".");
        if (i.Entities.Users.Count > 0) lines.Add("Accounts involved: " + string.Join("; ", i.Entities.Users.Select(u => Named(r, u))) + ".");
        return lines;
    }

    public static IEnumerable<IReadOnlyList<string>> Mailboxes(IncidentReport r) =>
        r.Incident.BlastRadius.Mailboxes.OrderBy(m => m.Owner, StringComparer.Ordinal).Select(m => (IReadOnlyList<string>)
        [
            m.Owner,
            m.MessageIds.Count.ToString("N0", CultureInfo.InvariantCulture) + (m.Bytes > 0 ? $" ({Size(m.Bytes)})" : ""),
            m.FoldersSynced.Count == 0 ? "none" : string.Join("; ", m.FoldersSynced),
            m.UnknownWindows.Count == 0 ? "none"
                : string.Join("; ", m.UnknownWindows.Select(w => $"accessed, items unknown: {ReportFacts.Time(w.From)} to {ReportFacts.Time(w.To)}")),
            ReportFacts.Time(m.FirstAccess),
            ReportFacts.Time(m.LastAccess),
            string.Join("; ", m.Via.Select(v => Named(r, v))),
        ]);

    public static string Status(IReadOnlyList<(string Status, long Count)>? counts, string what) =>
        counts is null || counts.Count == 0 ? "not started"
        : string.Join(", ", counts.Select(c => $"{c.Count} {what} {c.Status}"));

    internal static string Named(IncidentReport r, string id) => r.Names.TryGetValue(id, out var name) && !string.IsNullOrWhiteSpace(name) ? $"{name} ({id})" : id;

    private static string Size(long bytes) => bytes >= 1 << 20
        ? (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB";
}
