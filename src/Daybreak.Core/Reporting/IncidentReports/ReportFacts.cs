using System.Globalization;

namespace Daybreak.Reporting.IncidentReports;

/// <summary>One line of the coverage caveats: a question the report answers, and how far the logs let it.</summary>
public sealed record CoverageCaveat(string Question, string Status, string Text)
{
    /// <summary>True when the source's records span the whole incident without a gap.</summary>
    public bool SpansIncident { get; init; }

    /// <summary>The covered period as text ("2023-11-20 to 2023-12-10 (1,204 records)"), or null when the case has none.</summary>
    public string? Period { get; init; }
}

/// <summary>A regulatory clock worked out for this incident.</summary>
public sealed record ClockState(string Name, string Duration, string From, DateTime? Start, DateTime? Due, string Status)
{
    /// <summary>For business-day clocks, what is not counted ("weekends and US federal holidays"); empty otherwise.</summary>
    public string Skips { get; init; } = "";

    /// <summary>The weekday holidays this clock's count passed over.</summary>
    public IReadOnlyList<Clocks.Holiday> SkippedHolidays { get; init; } = [];
}

/// <summary>
/// The judgements the report makes from the model: which questions the logs can answer (never "no evidence" where
/// the source does not cover the incident) and where each regulatory clock stands.
/// </summary>
public static class ReportFacts
{
    public const string EvidenceFound = "evidence found";
    public const string NoEvidence = "no evidence";
    public const string Partial = "partial data";
    public const string NoData = "no data";

    /// <summary>The question about SharePoint / OneDrive files (see <see cref="Caveat"/>).</summary>
    public const string FilesQuestion = "SharePoint / OneDrive file access";

    /// <summary>The question about Microsoft Graph requests (see <see cref="Caveat"/>).</summary>
    public const string GraphQuestion = "Microsoft Graph API calls";

    private sealed record Question(string Text, string Noun, Func<string, string?, bool> Covers, Func<Scoping.BlastRadius, bool> Reached);

    private static readonly Question[] Questions =
    [
        new("Sign-ins by the accounts and apps involved", "sign-in activity", (s, _) => s == "signin", _ => false),
        new("Directory changes (apps, credentials, consents, role assignments)", "directory changes",
            (s, c) => s == "audit" || (s == "ual" && Is(c, "AzureActiveDirectory")), _ => false),
        new("Mailbox access (MailItemsAccessed)", "mailbox access", (s, c) => s == "ual" && Is(c, "Exchange"), b => b.Mailboxes.Count > 0),
        new(FilesQuestion, "SharePoint/OneDrive access", (s, c) => s == "ual" && (Is(c, "SharePoint") || Is(c, "OneDrive")),
            b => b.Resources.Any(r => r.Kind == "file")),
        new(GraphQuestion, "Graph reads", (s, _) => s == "graphactivity", b => b.Resources.Any(r => r.Kind == "graph")),
    ];

    public static IReadOnlyList<CoverageCaveat> Caveats(IncidentReport report) => Questions.Select(q => Judge(report, q)).ToList();

    /// <summary>The caveat for one question, e.g. <see cref="FilesQuestion"/>.</summary>
    public static CoverageCaveat Caveat(IncidentReport report, string question) => Judge(report, Questions.Single(q => q.Text == question));

    private static CoverageCaveat Judge(IncidentReport report, Question q)
    {
        var incident = report.Incident;
        var rows = report.Coverage.Where(c => q.Covers(c.Source, c.Category)).ToList();
        var found = report.EvidenceSources.Any(e => q.Covers(e.Source, e.Category)) || q.Reached(incident.BlastRadius);
        if (rows.Count == 0)
        {
            return found
                ? new CoverageCaveat(q.Text, EvidenceFound, "Evidence found in the incident's records.")
                : new CoverageCaveat(q.Text, NoData, $"No data: the case holds no records of {q.Noun}, so it can be neither confirmed nor ruled out.");
        }
        var from = rows.Min(r => r.From);
        var to = rows.Max(r => r.To);
        var records = rows.Sum(r => r.Records);
        var period = $"{Day(from)} to {Day(to)} ({records.ToString("N0", CultureInfo.InvariantCulture)} records)";
        var gap = rows.SelectMany(r => r.Gaps).Where(g => g.From < incident.LastSeen && g.To > incident.FirstSeen).OrderBy(g => g.From).FirstOrDefault();
        var spans = from <= incident.FirstSeen && to >= incident.LastSeen && gap is null;
        if (gap is not null) period += $", with no records from {Day(gap.From)} to {Day(gap.To)}";
        var caveat = found
            ? new CoverageCaveat(q.Text, EvidenceFound, $"Evidence found. Records cover {period}" + (spans ? "." : "; parts of the incident fall outside them."))
            : spans
                ? new CoverageCaveat(q.Text, NoEvidence, $"No evidence of {q.Noun} by the attacker: records cover {period}, spanning the incident.")
                : new CoverageCaveat(q.Text, Partial, $"Partial data: records cover only {period}; nothing can be concluded outside that period.");
        return caveat with { SpansIncident = spans, Period = period };
    }

    public static IReadOnlyList<ClockState> Clocks(IncidentReport report)
    {
        var list = new List<ClockState>();
        foreach (var c in report.Clocks)
        {
            DateTime? start = c.Anchor == ClockAnchor.Awareness ? report.Awareness : report.MaterialityAt;
            var from = c.Anchor == ClockAnchor.Awareness
                ? (report.AwarenessAt is null ? "awareness (incident detected)" : "awareness (as given)")
                : "materiality determination";
            if (start is not { } s)
            {
                list.Add(new ClockState(c.Name, c.DurationText, from, null, null, "Not started: materiality not determined.") { Skips = c.SkipsText });
                continue;
            }
            var due = c.Due(s);
            var left = due - report.GeneratedAt;
            var status = left >= TimeSpan.Zero ? $"Due in {Span(left)}." : $"Deadline passed {Span(-left)} ago.";
            list.Add(new ClockState(c.Name, c.DurationText, from, s, due, status) { Skips = c.SkipsText, SkippedHolidays = c.SkippedHolidays(s) });
        }
        return list;
    }

    /// <summary>
    /// One sentence per business-day clock on what it does not count and the holidays it passed over, e.g. "SEC Form
    /// 8-K (Item 1.05): business days skip weekends and US federal holidays; this count passes over Thanksgiving Day
    /// (2024-11-28)."
    /// </summary>
    public static IReadOnlyList<string> ClockNotes(IReadOnlyList<ClockState> clocks) =>
        clocks.Where(c => c.Skips.Length > 0).Select(c => $"{c.Name}: business days skip {c.Skips}"
            + (c.SkippedHolidays.Count == 0 ? "." : "; this count passes over " + string.Join(", ", c.SkippedHolidays.Select(h => $"{h.Name} ({h.Date:yyyy-MM-dd})")) + "."))
        .ToList();

    /// <summary>A duration as a person says it: "12 days 4 hours", "3 hours 5 minutes".</summary>
    public static string Span(TimeSpan t)
    {
        if (t.TotalDays >= 1) return $"{(int)t.TotalDays} day{(t.Days == 1 ? "" : "s")} {t.Hours} hour{(t.Hours == 1 ? "" : "s")}";
        if (t.TotalHours >= 1) return $"{t.Hours} hour{(t.Hours == 1 ? "" : "s")} {t.Minutes} minute{(t.Minutes == 1 ? "" : "s")}";
        return $"{t.Minutes} minute{(t.Minutes == 1 ? "" : "s")}";
    }

    public static string Time(DateTime t) => t.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Day(DateTime t) => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool Is(string? category, string name) => string.Equals(category, name, StringComparison.OrdinalIgnoreCase);
}
