namespace Daybreak.Rules.Sigma;

/// <summary>A detection rule ready to match. Standalone is false when only correlations should see its matches.</summary>
internal sealed class CompiledRule(SigmaRule rule, EventMatcher matcher)
{
    public SigmaRule Rule { get; } = rule;

    public EventMatcher Matcher { get; set; } = matcher;

    public bool Standalone { get; set; } = true;
}
