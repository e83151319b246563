using Daybreak.Correlation;

namespace Daybreak.Reporting.IncidentReports;

/// <summary>Everything the leaders' and counsel's report shows, gathered once; the HTML and Markdown writers only render it.</summary>
public sealed class IncidentReport
{
    public required Incident Incident { get; init; }

    public required DateTime GeneratedAt { get; init; }

    public required string Version { get; init; }

    public string? CaseFile { get; init; }

    /// <summary>Per log source (and UAL workload), the period the case has records for.</summary>
    public IReadOnlyList<SourceCoverage> Coverage { get; init; } = [];

    /// <summary>The (source, category) of every stored record behind the incident's alerts.</summary>
    public IReadOnlyCollection<(string Source, string? Category)> EvidenceSources { get; init; } = [];

    /// <summary>Display names of apps and users, as the logs give them (attacker-controlled text: escape on output).</summary>
    public IReadOnlyDictionary<string, string> Names { get; init; } = new Dictionary<string, string>();

    /// <summary>Containment actions by status, or null when containment has not started (or is not tracked in this case).</summary>
    public IReadOnlyList<(string Status, long Count)>? Containment { get; init; }

    /// <summary>Employee notices by status, or null when notification has not started.</summary>
    public IReadOnlyList<(string Status, long Count)>? Notifications { get; init; }

    public IReadOnlyList<RegulatoryClock> Clocks { get; init; } = RegulatoryClock.Defaults;

    /// <summary>When the organisation became aware; default the incident's detection time.</summary>
    public DateTime? AwarenessAt { get; init; }

    /// <summary>When the incident was determined material; null when not (yet) determined.</summary>
    public DateTime? MaterialityAt { get; init; }

    public DateTime Awareness => AwarenessAt ?? Incident.DetectedAt;

    public int MessagesRead => Incident.BlastRadius.Mailboxes.SelectMany(m => m.MessageIds).Distinct(StringComparer.Ordinal).Count();
}

/// <summary>One source's (or UAL workload's) covered period, and the stretches inside it without any record.</summary>
public sealed record SourceCoverage(string Source, string? Category, DateTime From, DateTime To, long Records)
{
    public IReadOnlyList<Scoping.TimeWindow> Gaps { get; init; } = [];
}
