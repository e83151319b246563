namespace Daybreak.Rules.Sigma;

/// <summary>
/// One <c>field|modifiers: values</c> item. Values are ORed, or ANDed with <c>|all</c>; a field holding several values
/// (an array) matches a value when any of its elements does. An absent or null field never matches a value.
/// </summary>
internal sealed class FieldMatcher(string fieldName, IValueMatcher[] values, bool all) : EventMatcher
{
    private readonly SigmaField _field = SigmaField.Of(fieldName);

    public string Field => fieldName;

    public override bool IsMatch(ISigmaEvent evt)
    {
        if (!evt.TryGetField(_field, out var value)) return false;
        if (all)
        {
            foreach (var matcher in values)
            {
                if (!AnyElement(value, matcher, evt)) return false;
            }
            return values.Length > 0;
        }
        foreach (var matcher in values)
        {
            if (AnyElement(value, matcher, evt)) return true;
        }
        return false;
    }

    internal static bool AnyElement(in FieldValue value, IValueMatcher matcher, ISigmaEvent evt)
    {
        switch (value.Kind)
        {
            case FieldKind.Null:
                return false;
            case FieldKind.Array:
                // By index: foreach over the IReadOnlyList boxes its enumerator, once per array value per rule.
                var items = value.Items;
                for (var i = 0; i < items.Count; i++)
                {
                    if (AnyElement(items[i], matcher, evt)) return true;
                }
                return false;
            default:
                return matcher.IsMatch(value, evt);
        }
    }
}
