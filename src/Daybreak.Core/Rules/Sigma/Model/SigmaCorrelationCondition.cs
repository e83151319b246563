namespace Daybreak.Rules.Sigma;

/// <summary>The threshold map of a correlation (<c>gt</c>, <c>gte</c>, <c>lt</c>, <c>lte</c>, <c>eq</c>, <c>neq</c>), all ANDed.</summary>
public sealed record SigmaCorrelationCondition(IReadOnlyList<(string Operator, double Value)> Criteria, IReadOnlyList<string> Fields)
{
    public static SigmaCorrelationCondition None { get; } = new([], []);

    /// <summary>True when every criterion only asks for "at least": the count can then be acted on as soon as it is reached.</summary>
    public bool IsLowerBoundOnly => Criteria.Count > 0 && Criteria.All(c => c.Operator is "gt" or "gte");

    public bool IsSatisfiedBy(double value)
    {
        foreach (var (op, threshold) in Criteria)
        {
            var ok = op switch
            {
                "gt" => value > threshold,
                "gte" => value >= threshold,
                "lt" => value < threshold,
                "lte" => value <= threshold,
                "eq" => value == threshold,
                "neq" => value != threshold,
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }

    public override string ToString() => string.Join(" and ", Criteria.Select(c => $"{c.Operator} {c.Value}"));
}
