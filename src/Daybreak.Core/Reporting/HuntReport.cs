using Daybreak.Pipeline;

namespace Daybreak.Reporting;

/// <summary>The hunt report contract, schema <c>daybreak.hunt/1</c> (DESIGN.md). Field names are stable.</summary>
public sealed class HuntReport
{
    public const string Schema = "daybreak.hunt/1";

    public required IngestSummary Input { get; init; }

    public IReadOnlyList<CoverageEntry> Coverage { get; init; } = [];
}

/// <summary>One source's covered period in one tenant.</summary>
public sealed record CoverageEntry(string Source, string? Tenant, DateTime From, DateTime To, long Records);
