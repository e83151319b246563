namespace Daybreak.Rules.Sigma;

/// <summary>Logical OR; short-circuits on the first hit.</summary>
internal sealed class AnyMatcher(IEventMatcher[] children) : IEventMatcher
{
    public IReadOnlyList<IEventMatcher> Children => children;

    public bool IsMatch(ISigmaEvent evt)
    {
        foreach (var child in children)
        {
            if (child.IsMatch(evt)) return true;
        }
        return false;
    }
}
