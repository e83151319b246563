namespace Daybreak.Rules.Sigma;

/// <summary>What a loader read: the rules that parsed, and one diagnostic per document that did not.</summary>
public sealed class SigmaLoadResult
{
    public List<SigmaRule> Rules { get; } = [];

    /// <summary>Documents rejected (one entry per failed document, with file:line:column and reason).</summary>
    public List<SigmaDiagnostic> Errors { get; } = [];

    /// <summary>Non-fatal notes: the rule loaded but something in it will not behave fully.</summary>
    public List<SigmaDiagnostic> Warnings { get; } = [];

    public int Files { get; internal set; }

    /// <summary>YAML documents seen; a file that is not even valid YAML counts as one.</summary>
    public int Documents { get; internal set; }

    internal void Merge(SigmaLoadResult other)
    {
        Rules.AddRange(other.Rules);
        Errors.AddRange(other.Errors);
        Warnings.AddRange(other.Warnings);
        Files += other.Files;
        Documents += other.Documents;
    }
}
