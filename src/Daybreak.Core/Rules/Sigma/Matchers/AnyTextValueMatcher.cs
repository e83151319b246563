namespace Daybreak.Rules.Sigma;

/// <summary>A lone <c>*</c>: any non-null value.</summary>
internal sealed class AnyTextValueMatcher : IValueMatcher
{
    public static AnyTextValueMatcher Instance { get; } = new();

    public bool IsMatch(in FieldValue value, ISigmaEvent evt) => value.Text is not null;
}
