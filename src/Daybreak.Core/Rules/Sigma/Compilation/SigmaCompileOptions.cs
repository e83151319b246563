namespace Daybreak.Rules.Sigma;

/// <summary>Inputs of compilation that are not in the rules themselves.</summary>
public sealed class SigmaCompileOptions
{
    /// <summary>Values for <c>|expand</c> placeholders, e.g. <c>Administrators -> [admin*, root]</c>. Names are case-insensitive.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Placeholders { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Upper bound for one regex match; a rule whose regex exceeds it is counted as a rule error for that event.</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(250);
}
