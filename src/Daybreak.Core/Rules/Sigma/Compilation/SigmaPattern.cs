using System.Text;

namespace Daybreak.Rules.Sigma;

/// <summary>
/// A Sigma string value after escape handling: literal runs and wildcards. <c>\*</c>, <c>\?</c> and <c>\\</c> are
/// escapes; a backslash before anything else is a plain backslash (so <c>C:\Windows</c> needs no doubling).
/// </summary>
internal sealed class SigmaPattern
{
    public SigmaPattern(IReadOnlyList<PatternToken> tokens) => Tokens = Normalize(tokens);

    public IReadOnlyList<PatternToken> Tokens { get; }

    public bool HasWildcards => Tokens.Any(t => t.Kind != PatternTokenKind.Literal);

    /// <summary>The text when the pattern has no wildcards; otherwise the literal parts joined (for encoders).</summary>
    public string LiteralText => string.Concat(Tokens.Where(t => t.Kind == PatternTokenKind.Literal).Select(t => t.Text));

    public static SigmaPattern Literal(string text) => new([new PatternToken(PatternTokenKind.Literal, text)]);

    public static SigmaPattern Parse(string raw)
    {
        var tokens = new List<PatternToken>();
        var literal = new StringBuilder();
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '\\' && i + 1 < raw.Length && raw[i + 1] is '*' or '?' or '\\')
            {
                literal.Append(raw[++i]);
            }
            else if (c is '*' or '?')
            {
                Flush(literal, tokens);
                tokens.Add(c == '*' ? PatternToken.Star : new PatternToken(PatternTokenKind.AnyChar, "?"));
            }
            else
            {
                literal.Append(c);
            }
        }
        Flush(literal, tokens);
        return new SigmaPattern(tokens);
    }

    public SigmaPattern Wrap(bool leadingStar, bool trailingStar)
    {
        var tokens = new List<PatternToken>();
        if (leadingStar) tokens.Add(PatternToken.Star);
        tokens.AddRange(Tokens);
        if (trailingStar) tokens.Add(PatternToken.Star);
        return new SigmaPattern(tokens);
    }

    /// <summary>
    /// windash: a dash-like character that starts a word (pySigma's <c>\B[-/]\b</c>) may be any of - / – — ―,
    /// expressed as one character set instead of an exponential list of permutations.
    /// </summary>
    public SigmaPattern WithWindash()
    {
        const string dashes = "-/\u2013\u2014\u2015";
        var tokens = new List<PatternToken>();
        var previous = '\0';
        for (var t = 0; t < Tokens.Count; t++)
        {
            var token = Tokens[t];
            if (token.Kind != PatternTokenKind.Literal)
            {
                tokens.Add(token);
                previous = ' ';
                continue;
            }
            var literal = new StringBuilder();
            for (var i = 0; i < token.Text.Length; i++)
            {
                var c = token.Text[i];
                var next = i + 1 < token.Text.Length ? token.Text[i + 1] : '\0';
                var startsWord = (previous == '\0' || !IsWordChar(previous)) && IsWordChar(next);
                if (dashes.Contains(c) && startsWord)
                {
                    Flush(literal, tokens);
                    tokens.Add(new PatternToken(PatternTokenKind.CharSet, dashes));
                }
                else
                {
                    literal.Append(c);
                }
                previous = c;
            }
            Flush(literal, tokens);
        }
        return new SigmaPattern(tokens);
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static void Flush(StringBuilder literal, List<PatternToken> tokens)
    {
        if (literal.Length == 0) return;
        tokens.Add(new PatternToken(PatternTokenKind.Literal, literal.ToString()));
        literal.Clear();
    }

    // Merge adjacent literals and collapse runs of '*' so the shape checks (contains/startswith/...) stay simple.
    private static PatternToken[] Normalize(IReadOnlyList<PatternToken> tokens)
    {
        var result = new List<PatternToken>();
        foreach (var token in tokens)
        {
            if (token.Kind == PatternTokenKind.Literal && token.Text.Length == 0) continue;
            if (result.Count > 0)
            {
                var last = result[^1];
                if (token.Kind == PatternTokenKind.Literal && last.Kind == PatternTokenKind.Literal)
                {
                    result[^1] = last with { Text = last.Text + token.Text };
                    continue;
                }
                if (token.Kind == PatternTokenKind.AnyChars && last.Kind == PatternTokenKind.AnyChars) continue;
            }
            result.Add(token);
        }
        return result.ToArray();
    }

    public override string ToString() => string.Concat(Tokens.Select(t => t.Kind switch
    {
        PatternTokenKind.Literal => t.Text.Replace("\\", "\\\\").Replace("*", "\\*").Replace("?", "\\?"),
        PatternTokenKind.CharSet => "[" + t.Text + "]",
        _ => t.Text,
    }));
}
