namespace Daybreak.Rules.Sigma;

/// <summary>
/// Recursive-descent parser for the condition grammar, building matchers directly. Precedence, loosest first:
/// or, and, not, "x of pattern", brackets. Identifier patterns use <c>*</c> wildcards; <c>them</c> means every
/// search identifier not starting with an underscore.
/// </summary>
internal sealed class ConditionParser
{
    private readonly List<ConditionToken> _tokens;
    private readonly IReadOnlyDictionary<string, EventMatcher> _identifiers;
    private readonly string _text;
    private int _position;

    private ConditionParser(string text, List<ConditionToken> tokens, IReadOnlyDictionary<string, EventMatcher> identifiers)
    {
        _text = text;
        _tokens = tokens;
        _identifiers = identifiers;
    }

    /// <summary>Parses one condition; throws <see cref="ConditionException"/> with the offset of the problem.</summary>
    public static EventMatcher Parse(string condition, IReadOnlyDictionary<string, EventMatcher> identifiers, out string? aggregation)
    {
        var tokens = ConditionLexer.Tokenize(condition, out aggregation);
        if (tokens.Count == 0) throw new ConditionException(0, "empty condition");
        var parser = new ConditionParser(condition, tokens, identifiers);
        var result = parser.ParseOr();
        if (parser._position < tokens.Count)
            throw new ConditionException(tokens[parser._position].Offset, $"unexpected '{tokens[parser._position].Text}'");
        return result;
    }

    private ConditionToken? Peek => _position < _tokens.Count ? _tokens[_position] : null;

    private EventMatcher ParseOr()
    {
        var items = new List<EventMatcher> { ParseAnd() };
        while (Peek is { } t && t.Is("or"))
        {
            _position++;
            items.Add(ParseAnd());
        }
        return items.Count == 1 ? items[0] : new AnyMatcher(items.ToArray());
    }

    private EventMatcher ParseAnd()
    {
        var items = new List<EventMatcher> { ParseNot() };
        while (Peek is { } t && t.Is("and"))
        {
            _position++;
            items.Add(ParseNot());
        }
        return items.Count == 1 ? items[0] : new AllMatcher(items.ToArray());
    }

    private EventMatcher ParseNot()
    {
        if (Peek is { } t && t.Is("not"))
        {
            _position++;
            return new NotMatcher(ParseNot());
        }
        return ParsePrimary();
    }

    private EventMatcher ParsePrimary()
    {
        var token = Peek ?? throw new ConditionException(_text.Length, "condition ends too early");
        if (token.Text == "(")
        {
            _position++;
            var inner = ParseOr();
            if (Peek is not { Text: ")" }) throw new ConditionException(Peek?.Offset ?? _text.Length, "missing ')'");
            _position++;
            return inner;
        }
        if (token.Text == ")" || token.Is("and") || token.Is("or") || token.Is("of"))
            throw new ConditionException(token.Offset, $"unexpected '{token.Text}'");
        var next = _position + 1 < _tokens.Count ? _tokens[_position + 1] : (ConditionToken?)null;
        if (next is { } of && of.Is("of"))
        {
            _position += 2;
            var target = Peek ?? throw new ConditionException(_text.Length, "'of' needs a pattern or 'them'");
            _position++;
            return Quantified(token, target);
        }
        _position++;
        if (!_identifiers.TryGetValue(token.Text, out var matcher))
            throw new ConditionException(token.Offset, $"unknown search identifier '{token.Text}'");
        return matcher;
    }

    private EventMatcher Quantified(ConditionToken quantifier, ConditionToken target)
    {
        EventMatcher[] selected;
        if (target.Is("them"))
        {
            selected = _identifiers.Where(kv => !kv.Key.StartsWith('_')).Select(kv => kv.Value).ToArray();
        }
        else
        {
            var glob = new GlobValueMatcher(SigmaPattern.Parse(target.Text), cased: true);
            selected = _identifiers.Where(kv => glob.Matches(kv.Key)).Select(kv => kv.Value).ToArray();
        }
        if (selected.Length == 0) throw new ConditionException(target.Offset, $"'{target.Text}' matches no search identifier");
        if (quantifier.Is("all")) return selected.Length == 1 ? selected[0] : new AllMatcher(selected);
        if (quantifier.Is("any") || quantifier.Text == "1") return selected.Length == 1 ? selected[0] : new AnyMatcher(selected);
        if (int.TryParse(quantifier.Text, out var n) && n > 0) return new AtLeastMatcher(n, selected);
        throw new ConditionException(quantifier.Offset, $"'{quantifier.Text} of' is not a valid quantifier (use 1, a number or all)");
    }
}
