namespace Daybreak.Rules.Sigma;

/// <summary>The live window of one group-by key.</summary>
internal sealed class CorrelationGroup(IReadOnlyDictionary<string, string?> key)
{
    public IReadOnlyDictionary<string, string?> Key { get; } = key;

    public List<CorrelationEntry> Entries { get; } = [];

    /// <summary>Start of a fixed window (evaluate-at-close mode).</summary>
    public DateTimeOffset WindowStart { get; set; }

    public DateTimeOffset LastTime { get; set; }
}
