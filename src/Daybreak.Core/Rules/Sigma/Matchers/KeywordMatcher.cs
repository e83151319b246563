namespace Daybreak.Rules.Sigma;

/// <summary>
/// Keyword search: a list of plain strings matched against every value of the event. ORed by default; with
/// <c>'|all'</c> each keyword must be found in some value.
/// </summary>
internal sealed class KeywordMatcher(IValueMatcher[] keywords, bool all) : EventMatcher
{
    public override bool IsMatch(ISigmaEvent evt)
    {
        var values = evt.AllValues() as IReadOnlyCollection<FieldValue> ?? evt.AllValues().ToArray();
        if (all)
        {
            foreach (var keyword in keywords)
            {
                if (!AnyValue(values, keyword, evt)) return false;
            }
            return keywords.Length > 0;
        }
        foreach (var keyword in keywords)
        {
            if (AnyValue(values, keyword, evt)) return true;
        }
        return false;
    }

    private static bool AnyValue(IReadOnlyCollection<FieldValue> values, IValueMatcher keyword, ISigmaEvent evt)
    {
        foreach (var value in values)
        {
            if (FieldMatcher.AnyElement(value, keyword, evt)) return true;
        }
        return false;
    }
}
