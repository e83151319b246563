namespace Daybreak.Rules.Sigma;

/// <summary>
/// General wildcard match (<c>*</c>, <c>?</c>, and the character sets windash produces) with the classic
/// linear-backtrack algorithm: no regex, no catastrophic cases.
/// </summary>
internal sealed class GlobValueMatcher : IValueMatcher
{
    private readonly PatternElement[] _elements;
    private readonly bool _cased;

    public GlobValueMatcher(SigmaPattern pattern, bool cased)
    {
        _cased = cased;
        var elements = new List<PatternElement>();
        foreach (var token in pattern.Tokens)
        {
            switch (token.Kind)
            {
                case PatternTokenKind.Literal:
                    foreach (var c in token.Text) elements.Add(new PatternElement(PatternTokenKind.Literal, Fold(c), null));
                    break;
                case PatternTokenKind.CharSet:
                    elements.Add(new PatternElement(PatternTokenKind.CharSet, '\0', cased ? token.Text : token.Text.ToUpperInvariant()));
                    break;
                default:
                    elements.Add(new PatternElement(token.Kind, '\0', null));
                    break;
            }
        }
        _elements = elements.ToArray();
    }

    public bool IsMatch(in FieldValue value, ISigmaEvent evt) => value.Text is { } text && Match(text);

    public bool Matches(string text) => Match(text);

    private bool Match(string text)
    {
        int p = 0, s = 0, starP = -1, starS = 0;
        while (s < text.Length)
        {
            if (p < _elements.Length && _elements[p].Kind != PatternTokenKind.AnyChars && Single(_elements[p], text[s]))
            {
                p++;
                s++;
            }
            else if (p < _elements.Length && _elements[p].Kind == PatternTokenKind.AnyChars)
            {
                starP = p++;
                starS = s;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                s = ++starS;
            }
            else
            {
                return false;
            }
        }
        while (p < _elements.Length && _elements[p].Kind == PatternTokenKind.AnyChars) p++;
        return p == _elements.Length;
    }

    private bool Single(in PatternElement element, char c) => element.Kind switch
    {
        PatternTokenKind.AnyChar => true,
        PatternTokenKind.Literal => element.Char == Fold(c),
        PatternTokenKind.CharSet => element.Set!.Contains(Fold(c)),
        _ => false,
    };

    private char Fold(char c) => _cased ? c : char.ToUpperInvariant(c);

    private readonly record struct PatternElement(PatternTokenKind Kind, char Char, string? Set);
}
