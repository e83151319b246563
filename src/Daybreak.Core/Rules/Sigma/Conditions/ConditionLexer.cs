namespace Daybreak.Rules.Sigma;

/// <summary>Splits a condition into words and brackets; a <c>|</c> starts a legacy aggregation and ends the expression.</summary>
internal static class ConditionLexer
{
    public static List<ConditionToken> Tokenize(string condition, out string? aggregation)
    {
        aggregation = null;
        var tokens = new List<ConditionToken>();
        var i = 0;
        while (i < condition.Length)
        {
            var c = condition[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(new ConditionToken(c.ToString(), i));
                i++;
            }
            else if (c == '|')
            {
                aggregation = condition[(i + 1)..].Trim();
                break;
            }
            else
            {
                var start = i;
                while (i < condition.Length && !char.IsWhiteSpace(condition[i]) && condition[i] is not ('(' or ')' or '|')) i++;
                tokens.Add(new ConditionToken(condition[start..i], start));
            }
        }
        return tokens;
    }
}
