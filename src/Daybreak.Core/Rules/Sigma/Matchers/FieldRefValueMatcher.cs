namespace Daybreak.Rules.Sigma;

/// <summary>
/// <c>|fieldref</c>: compares the field with another field of the same event (equality, or with
/// <c>contains</c>/<c>startswith</c>/<c>endswith</c>). An absent referenced field never matches.
/// </summary>
internal sealed class FieldRefValueMatcher(string otherField, string mode, StringComparison comparison) : IValueMatcher
{
    private readonly SigmaField _other = SigmaField.Of(otherField);

    public bool IsMatch(in FieldValue value, ISigmaEvent evt)
    {
        if (value.Text is not { } text || !evt.TryGetField(_other, out var other)) return false;
        return AnyOther(text, other);
    }

    private bool AnyOther(string text, in FieldValue other)
    {
        if (other.Kind == FieldKind.Array)
        {
            var items = other.Items;
            for (var i = 0; i < items.Count; i++)
            {
                if (AnyOther(text, items[i])) return true;
            }
            return false;
        }
        if (other.Text is not { } reference) return false;
        return mode switch
        {
            "contains" => text.Contains(reference, comparison),
            "startswith" => text.StartsWith(reference, comparison),
            "endswith" => text.EndsWith(reference, comparison),
            _ => string.Equals(text, reference, comparison),
        };
    }
}
