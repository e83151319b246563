namespace Daybreak.Rules.Sigma;

/// <summary>Logical AND; short-circuits on the first miss.</summary>
internal sealed class AllMatcher(EventMatcher[] children) : EventMatcher
{
    public IReadOnlyList<EventMatcher> Children => children;

    public override bool IsMatch(ISigmaEvent evt)
    {
        foreach (var child in children)
        {
            if (!child.IsMatch(evt)) return false;
        }
        return true;
    }
}
