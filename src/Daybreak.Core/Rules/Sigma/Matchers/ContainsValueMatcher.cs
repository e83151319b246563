namespace Daybreak.Rules.Sigma;

/// <summary><c>|contains</c> (or <c>*text*</c>).</summary>
internal sealed class ContainsValueMatcher(string needle, StringComparison comparison) : IValueMatcher
{
    public bool IsMatch(in FieldValue value, ISigmaEvent evt) => value.Text?.Contains(needle, comparison) == true;
}
