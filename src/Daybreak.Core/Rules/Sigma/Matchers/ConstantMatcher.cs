namespace Daybreak.Rules.Sigma;

/// <summary>Always or never matches: what an empty selection or an unresolved placeholder compiles to.</summary>
internal sealed class ConstantMatcher(bool result) : EventMatcher
{
    public static ConstantMatcher Never { get; } = new(false);

    public override bool IsMatch(ISigmaEvent evt) => result;
}
