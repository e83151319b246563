namespace Daybreak.Rules.Sigma;

/// <summary>A value that can never match, e.g. an <c>|expand</c> placeholder nobody supplied.</summary>
internal sealed class NeverValueMatcher : IValueMatcher
{
    public static NeverValueMatcher Instance { get; } = new();

    public bool IsMatch(in FieldValue value, ISigmaEvent evt) => false;
}
