namespace Daybreak.Rules.Sigma;

/// <summary>Where something sits in a rule file; line and column are 1-based as YamlDotNet reports them.</summary>
public readonly record struct SigmaLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
