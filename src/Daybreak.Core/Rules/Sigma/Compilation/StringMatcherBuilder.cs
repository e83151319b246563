namespace Daybreak.Rules.Sigma;

/// <summary>The cheapest matcher for a string pattern under its position modifier: equals, starts/ends with, contains,
/// any text, or a general glob.</summary>
internal static class StringMatcherBuilder
{
    public static IValueMatcher Build(SigmaPattern pattern, SigmaModifiers modifiers, StringComparison comparison)
    {
        pattern = modifiers.Position switch
        {
            "contains" => pattern.Wrap(true, true),
            "startswith" => pattern.Wrap(false, true),
            "endswith" => pattern.Wrap(true, false),
            _ => pattern,
        };
        var tokens = pattern.Tokens;
        bool IsLit(int i) => tokens[i].Kind == PatternTokenKind.Literal;
        bool IsStar(int i) => tokens[i].Kind == PatternTokenKind.AnyChars;
        switch (tokens.Count)
        {
            case 0:
                return new EqualsValueMatcher(string.Empty, comparison);
            case 1 when IsLit(0):
                return new EqualsValueMatcher(tokens[0].Text, comparison);
            case 1 when IsStar(0):
                return AnyTextValueMatcher.Instance;
            case 2 when IsStar(0) && IsLit(1):
                return new EndsWithValueMatcher(tokens[1].Text, comparison);
            case 2 when IsLit(0) && IsStar(1):
                return new StartsWithValueMatcher(tokens[0].Text, comparison);
            case 3 when IsStar(0) && IsLit(1) && IsStar(2):
                return new ContainsValueMatcher(tokens[1].Text, comparison);
            default:
                return new GlobValueMatcher(pattern, comparison == StringComparison.Ordinal);
        }
    }
}
