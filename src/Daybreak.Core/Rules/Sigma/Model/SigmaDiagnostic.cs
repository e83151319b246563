namespace Daybreak.Rules.Sigma;

/// <summary>A load or compile problem of one rule document, with its position and reason.</summary>
public sealed record SigmaDiagnostic(SigmaLocation Location, string Reason, string? RuleId = null)
{
    public string File => Location.File;

    public int Line => Location.Line;

    public int Column => Location.Column;

    public override string ToString() => RuleId is null ? $"{Location}: {Reason}" : $"{Location}: [{RuleId}] {Reason}";
}
