using Daybreak.Correlation;
using Daybreak.Reporting;

namespace Daybreak.Response.Evidence;

/// <summary>Everything an evidence bundle holds, gathered from the case before the bundle is written.</summary>
public sealed class EvidenceBundleContent
{
    public required Incident Incident { get; init; }

    /// <summary>The stored source records behind the incident's alerts, in event-time order.</summary>
    public required IReadOnlyList<EvidenceRecord> Records { get; init; }

    /// <summary>Evidence record ids the case no longer holds (listed in the manifest, never silently dropped).</summary>
    public IReadOnlyList<string> MissingRecords { get; init; } = [];

    /// <summary>The case's runs, oldest first, ending with the export itself.</summary>
    public required IReadOnlyList<CustodyEntry> Custody { get; init; }

    public required IReadOnlyList<SourceFileHash> SourceFiles { get; init; }

    /// <summary>The hunt report narrowed to this incident and its alerts.</summary>
    public required HuntReport HuntReport { get; init; }

    /// <summary>Export time, from the time provider; it stamps every zip entry, so a bundle is reproducible.</summary>
    public required DateTime CreatedAt { get; init; }

    public required string Version { get; init; }

    /// <summary>The case file the bundle was exported from.</summary>
    public string? CaseFile { get; init; }
}
