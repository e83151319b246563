namespace Daybreak.Rules.Sigma;

/// <summary>The variants one rule value expands to (base64offset shifts, placeholder lists): any of them may match.</summary>
internal sealed class AnyValueMatcher(IValueMatcher[] variants) : IValueMatcher
{
    public bool IsMatch(in FieldValue value, ISigmaEvent evt)
    {
        foreach (var variant in variants)
        {
            if (variant.IsMatch(value, evt)) return true;
        }
        return false;
    }
}
