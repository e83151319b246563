namespace Daybreak.Rules.Sigma;

/// <summary>What a window keeps of one input: enough to count, to measure and to name the evidence, not the event itself.</summary>
internal sealed record CorrelationEntry(
    DateTimeOffset Time,
    DateTimeOffset FirstTime,
    long Sequence,
    int[] Positions,
    IReadOnlyList<string> EventIds,
    string? Value,
    double? Number);
