namespace Daybreak.Rules.Sigma;

/// <summary>A correlation rule that fired for one group.</summary>
public sealed class SigmaCorrelationAlert
{
    public required SigmaRule Rule { get; init; }

    public string RuleId => Rule.Id;

    public string Title => Rule.Title;

    public string? Level => Rule.Level;

    public IReadOnlyList<string> Techniques => Rule.Techniques;

    /// <summary>Group-by field (or alias) -> value shared by the contributing events; null when the events lacked it.</summary>
    public required IReadOnlyDictionary<string, string?> GroupKey { get; init; }

    public required DateTimeOffset FirstSeen { get; init; }

    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>Ids of the events that made the correlation fire (through chained correlations too).</summary>
    public required IReadOnlyList<string> EventIds { get; init; }

    /// <summary>The measured quantity: event count, distinct values, distinct rules, sum, average or percentage.</summary>
    public double Value { get; init; }

    /// <summary>For value_percentile: the field value whose share met the condition.</summary>
    public string? FieldValue { get; init; }

    /// <summary>False for an intermediate correlation that only feeds another one (no <c>generate</c>).</summary>
    public bool IsStandaloneAlert { get; init; } = true;

    public override string ToString() =>
        $"{RuleId} [{string.Join(", ", GroupKey.Select(kv => kv.Key + "=" + kv.Value))}] {FirstSeen:O}..{LastSeen:O} value={Value} events={EventIds.Count}";
}
