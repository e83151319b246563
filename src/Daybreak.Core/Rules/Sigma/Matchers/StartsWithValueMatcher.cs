namespace Daybreak.Rules.Sigma;

/// <summary><c>|startswith</c> (or <c>text*</c>).</summary>
internal sealed class StartsWithValueMatcher(string prefix, StringComparison comparison) : IValueMatcher
{
    public bool IsMatch(in FieldValue value, ISigmaEvent evt) => value.Text?.StartsWith(prefix, comparison) == true;
}
