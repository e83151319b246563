namespace Daybreak.Rules.Sigma;

/// <summary>Tests one scalar value of a field; one implementation per modifier kind.</summary>
internal interface IValueMatcher
{
    bool IsMatch(in FieldValue value, ISigmaEvent evt);
}
