namespace Daybreak.Response.Evidence;

/// <summary>One source record behind an alert, exactly as the case stored it, with where it was read from.</summary>
public sealed record EvidenceRecord(
    string RecordId,
    DateTime Time,
    string Source,
    string? Category,
    string Format,
    string File,
    long Line,
    string Raw);
