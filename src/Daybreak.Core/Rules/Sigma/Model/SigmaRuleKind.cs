namespace Daybreak.Rules.Sigma;

/// <summary>The three document kinds of the Sigma specification.</summary>
public enum SigmaRuleKind
{
    Detection,
    Correlation,
    Filter,
}
