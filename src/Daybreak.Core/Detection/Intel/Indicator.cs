namespace Daybreak.Detection.Intel;

/// <summary>One imported indicator of compromise: a kind and a normalised value, with where it came from.</summary>
/// <param name="Id">The STIX indicator id, or for CSV rows "csv:" and a hash of kind and value.</param>
/// <param name="Source">File name it was imported from.</param>
/// <param name="Pattern">The STIX pattern it was read from, when it came from a bundle.</param>
public sealed record Indicator(
    string Id,
    IndicatorKind Kind,
    string Value,
    string? Description,
    string Source,
    string? Pattern = null,
    DateTime? ValidFrom = null,
    DateTime? ValidUntil = null)
{
    /// <summary>
    /// True unless the event is at or after <see cref="ValidUntil"/>. <see cref="ValidFrom"/> is not a lower bound:
    /// feeds set it to when the indicator was published, and a breach hunt looks for the same IP or app in the
    /// months of logs before that.
    /// </summary>
    public bool IsValidAt(DateTime time) => ValidUntil is null || time < ValidUntil;
}
