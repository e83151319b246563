namespace Daybreak.Rules.Sigma;

/// <summary><c>field: null</c>: the field is absent, or present with a null value.</summary>
internal sealed class NullFieldMatcher(string field) : EventMatcher
{
    private readonly SigmaField _field = SigmaField.Of(field);

    public override bool IsMatch(ISigmaEvent evt) => !evt.TryGetField(_field, out var value) || value.IsNull;
}
