namespace Daybreak.Rules.Sigma;

/// <summary>A detection rule that matched one event.</summary>
public sealed class SigmaMatch
{
    internal SigmaMatch(SigmaRule rule, bool standalone)
    {
        Rule = rule;
        IsStandaloneAlert = standalone;
    }

    public SigmaRule Rule { get; }

    public string RuleId => Rule.Id;

    public string Title => Rule.Title;

    public string? Level => Rule.Level;

    public IReadOnlyList<string> Techniques => Rule.Techniques;

    /// <summary>
    /// False when the rule is only referenced by correlations that do not <c>generate</c> it: feed the match to the
    /// correlator but do not report it as an alert of its own.
    /// </summary>
    public bool IsStandaloneAlert { get; }

    public override string ToString() => $"{RuleId} {Title}";
}
