namespace Daybreak.Rules.Sigma;

/// <summary>A plain value without wildcards: whole-value equality.</summary>
internal sealed class EqualsValueMatcher(string expected, StringComparison comparison) : IValueMatcher
{
    public bool IsMatch(in FieldValue value, ISigmaEvent evt) => string.Equals(value.Text, expected, comparison);
}
