using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Daybreak.Rules.Sigma;

/// <summary>The <c>|re</c> modifier: syntax checked at compile time (with the rule's position), the engine built on first use.</summary>
internal static class RegexMatcherBuilder
{
    public static IValueMatcher Build(YamlScalarNode node, string pattern, SigmaModifiers modifiers, TimeSpan timeout)
    {
        var options = RegexOptions.CultureInvariant;
        if (modifiers.Has("i")) options |= RegexOptions.IgnoreCase;
        if (modifiers.Has("m")) options |= RegexOptions.Multiline;
        if (modifiers.Has("s")) options |= RegexOptions.Singleline;
        try
        {
            // Parsing with the interpreter is cheap and rejects bad syntax now, with the rule's position.
            _ = new Regex(pattern, options, timeout);
        }
        catch (ArgumentException ex)
        {
            throw new SigmaRuleException(node.Start, $"invalid regular expression '{pattern}': {ex.Message}");
        }
        return new RegexValueMatcher(() =>
        {
            try
            {
                // The non-backtracking engine cannot blow up; it lacks lookarounds and backreferences, so those fall
                // back to the backtracking engine under a timeout.
                return new Regex(pattern, options | RegexOptions.NonBacktracking);
            }
            catch (NotSupportedException)
            {
                return new Regex(pattern, options | RegexOptions.Compiled, timeout);
            }
        });
    }
}
