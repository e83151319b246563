namespace Daybreak.Detection.Intel;

/// <summary>What reading an indicator file gave: the indicators, and each entry skipped with its reason.</summary>
public sealed class IndicatorImport
{
    public List<Indicator> Indicators { get; } = [];

    /// <summary>Entries that were not imported: "where: why" (an unsupported pattern, a malformed value).</summary>
    public List<string> Skipped { get; } = [];
}
