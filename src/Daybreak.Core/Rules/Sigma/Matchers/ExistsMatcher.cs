namespace Daybreak.Rules.Sigma;

/// <summary><c>field|exists: true/false</c>: presence only, whatever the value (even empty or null).</summary>
internal sealed class ExistsMatcher(string field, bool expected) : EventMatcher
{
    private readonly SigmaField _field = SigmaField.Of(field);

    public override bool IsMatch(ISigmaEvent evt) => evt.TryGetField(_field, out _) == expected;
}
