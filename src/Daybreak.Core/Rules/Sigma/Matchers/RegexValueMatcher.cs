using System.Text.RegularExpressions;

namespace Daybreak.Rules.Sigma;

/// <summary>
/// <c>|re</c>. The pattern is validated when the rule compiles, but the matching engine is built on first use:
/// building hundreds of non-backtracking automata up front would dominate rule-set compile time, and most rules
/// never see an event of their log source. A match that exceeds the regex timeout throws and is counted by the engine.
/// </summary>
internal sealed class RegexValueMatcher(Func<Regex> factory) : IValueMatcher
{
    private readonly Lazy<Regex> _regex = new(factory, LazyThreadSafetyMode.ExecutionAndPublication);

    public Regex Regex => _regex.Value;

    public bool IsMatch(in FieldValue value, ISigmaEvent evt) => value.Text is { } text && _regex.Value.IsMatch(text);
}
