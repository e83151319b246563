namespace Daybreak.Rules.Sigma;

internal sealed class NotMatcher(EventMatcher inner) : EventMatcher
{
    public override bool IsMatch(ISigmaEvent evt) => !inner.IsMatch(evt);
}
