namespace Daybreak.Rules.Sigma;

/// <summary><c>field|exists: true/false</c>: presence only, whatever the value (even empty or null).</summary>
internal sealed class ExistsMatcher(string field, bool expected) : IEventMatcher
{
    public bool IsMatch(ISigmaEvent evt) => evt.TryGetField(field, out _) == expected;
}
