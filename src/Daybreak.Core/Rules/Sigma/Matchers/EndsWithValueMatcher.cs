namespace Daybreak.Rules.Sigma;

/// <summary><c>|endswith</c> (or <c>*text</c>).</summary>
internal sealed class EndsWithValueMatcher(string suffix, StringComparison comparison) : IValueMatcher
{
    public bool IsMatch(in FieldValue value, ISigmaEvent evt) => value.Text?.EndsWith(suffix, comparison) == true;
}
