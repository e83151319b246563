namespace Daybreak.Rules.Sigma;

/// <summary>The <c>correlation</c> section of a correlation rule.</summary>
public sealed class SigmaCorrelation
{
    public required SigmaCorrelationType Type { get; init; }

    /// <summary>Referenced rules (id or name), in order; the order matters for temporal_ordered.</summary>
    public required IReadOnlyList<string> Rules { get; init; }

    public IReadOnlyList<string> GroupBy { get; init; } = [];

    public required TimeSpan Timespan { get; init; }

    public SigmaCorrelationCondition Condition { get; init; } = SigmaCorrelationCondition.None;

    /// <summary>alias -> (rule id or name -> field in that rule's events).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Aliases { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>When true the referenced rules also alert on their own; by default only the correlation does.</summary>
    public bool Generate { get; init; }
}
