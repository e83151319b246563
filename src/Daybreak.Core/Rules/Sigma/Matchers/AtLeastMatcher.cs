namespace Daybreak.Rules.Sigma;

/// <summary>"N of pattern" for N greater than one: at least N children must match.</summary>
internal sealed class AtLeastMatcher(int count, EventMatcher[] children) : EventMatcher
{
    public override bool IsMatch(ISigmaEvent evt)
    {
        var hits = 0;
        foreach (var child in children)
        {
            if (child.IsMatch(evt) && ++hits >= count) return true;
        }
        return false;
    }
}
