namespace Daybreak.Rules.Sigma;

/// <summary>Logical OR; short-circuits on the first hit.</summary>
internal sealed class AnyMatcher(EventMatcher[] children) : EventMatcher
{
    public IReadOnlyList<EventMatcher> Children => children;

    public override bool IsMatch(ISigmaEvent evt)
    {
        foreach (var child in children)
        {
            if (child.IsMatch(evt)) return true;
        }
        return false;
    }
}
