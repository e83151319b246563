using Daybreak.Correlation;
using Daybreak.Detection;
using Daybreak.Pipeline;

namespace Daybreak.Reporting;

/// <summary>The hunt report contract, schema <c>daybreak.hunt/1</c> (DESIGN.md). Field names are stable.</summary>
public sealed class HuntReport
{
    public const string Schema = "daybreak.hunt/1";

    public required IngestSummary Input { get; init; }

    public IReadOnlyList<CoverageEntry> Coverage { get; init; } = [];

    public IReadOnlyList<Alert> Alerts { get; init; } = [];

    public IReadOnlyList<Incident> Incidents { get; init; } = [];

    /// <summary>Detections that failed on some events (counted, first error kept); the run went on without them.</summary>
    public IReadOnlyCollection<DetectionError> DetectionErrors { get; init; } = [];

    /// <summary>Community rules that fire across the tenant: their alerts are listed and joined no incident.</summary>
    public IReadOnlyList<Correlation.TenantWideRule> TenantWideRules { get; init; } = [];
}

/// <summary>One source's covered period in one tenant, and the stretches inside it with no record at all.</summary>
public sealed record CoverageEntry(string Source, string? Tenant, DateTime From, DateTime To, long Records)
{
    public IReadOnlyList<Scoping.TimeWindow> Gaps { get; init; } = [];

    /// <summary>True when this source has data for the whole window, with no gap overlapping it.</summary>
    public bool Covers(DateTime from, DateTime to) => From <= from && To >= to && !Gaps.Any(g => g.From < to && g.To > from);
}
