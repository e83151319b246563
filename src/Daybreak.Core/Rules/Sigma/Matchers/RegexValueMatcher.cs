using System.Text.RegularExpressions;

namespace Daybreak.Rules.Sigma;

/// <summary><c>|re</c>: built once; a match that exceeds the regex timeout throws and is counted by the engine.</summary>
internal sealed class RegexValueMatcher(Regex regex) : IValueMatcher
{
    public Regex Regex => regex;

    public bool IsMatch(in FieldValue value, ISigmaEvent evt) => value.Text is { } text && regex.IsMatch(text);
}
