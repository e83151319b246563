namespace Daybreak.Rules.Sigma;

/// <summary>Logical AND; short-circuits on the first miss.</summary>
internal sealed class AllMatcher(IEventMatcher[] children) : IEventMatcher
{
    public IReadOnlyList<IEventMatcher> Children => children;

    public bool IsMatch(ISigmaEvent evt)
    {
        foreach (var child in children)
        {
            if (!child.IsMatch(evt)) return false;
        }
        return true;
    }
}
