namespace Daybreak.Rules.Sigma;

/// <summary>
/// A log source triple. On a rule, a null part means "any"; on an event it names where the event came from.
/// Values are compared case-insensitively, as the specification keeps them lower case.
/// </summary>
public readonly record struct SigmaLogSource(string? Product, string? Service, string? Category)
{
    public override string ToString() => $"{Product ?? "*"}/{Service ?? "*"}/{Category ?? "*"}";
}
