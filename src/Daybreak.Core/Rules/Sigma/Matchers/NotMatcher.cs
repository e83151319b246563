namespace Daybreak.Rules.Sigma;

internal sealed class NotMatcher(IEventMatcher inner) : IEventMatcher
{
    public bool IsMatch(ISigmaEvent evt) => !inner.IsMatch(evt);
}
