namespace Daybreak.Rules.Sigma;

internal readonly record struct PatternToken(PatternTokenKind Kind, string Text)
{
    public static PatternToken Star { get; } = new(PatternTokenKind.AnyChars, "*");
}
