namespace Daybreak.Rules.Sigma;

/// <summary>One rule match (or chained alert) waiting in the reorder buffer for a correlation.</summary>
internal sealed record CorrelationInput(
    CompiledCorrelation Target,
    SigmaRule Source,
    int[] Positions,
    DateTimeOffset Time,
    DateTimeOffset FirstTime,
    long Sequence,
    IReadOnlyList<string> EventIds,
    ISigmaEvent Fields);
