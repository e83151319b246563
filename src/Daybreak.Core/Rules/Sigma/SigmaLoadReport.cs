namespace Daybreak.Rules.Sigma;

/// <summary>What building an engine found: counts, every failed document with file:line:column:reason, and warnings.</summary>
public sealed class SigmaLoadReport
{
    public int Files { get; init; }

    /// <summary>YAML documents read (a file may hold several).</summary>
    public int Documents { get; init; }

    /// <summary>Documents that became usable rules (detections, correlations and filters). Loaded + Failed = Documents.</summary>
    public int Loaded { get; init; }

    public int Failed => Errors.Count;

    public IReadOnlyList<SigmaDiagnostic> Errors { get; init; } = [];

    public IReadOnlyList<SigmaDiagnostic> Warnings { get; init; } = [];

    /// <summary>Time spent compiling (not reading) the rules.</summary>
    public TimeSpan CompileTime { get; init; }

    public override string ToString() => $"{Loaded} loaded, {Failed} failed, {Warnings.Count} warnings, from {Documents} documents in {Files} files";
}
