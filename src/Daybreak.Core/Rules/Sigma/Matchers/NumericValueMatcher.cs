namespace Daybreak.Rules.Sigma;

/// <summary><c>|gt</c>, <c>|gte</c>, <c>|lt</c>, <c>|lte</c>: numbers, or strings that parse as numbers; anything else never matches.</summary>
internal sealed class NumericValueMatcher(string op, double threshold) : IValueMatcher
{
    public bool IsMatch(in FieldValue value, ISigmaEvent evt) => value.TryGetNumber(out var number) && Compare(number);

    public bool Compare(double number) => op switch
    {
        "gt" => number > threshold,
        "gte" => number >= threshold,
        "lt" => number < threshold,
        "lte" => number <= threshold,
        _ => number == threshold,
    };
}
