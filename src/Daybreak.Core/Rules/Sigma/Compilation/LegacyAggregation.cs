namespace Daybreak.Rules.Sigma;

/// <summary>
/// The obsolete Sigma 1 aggregation (<c>selection | count(field) by group &gt; N</c> with <c>timeframe</c>). It is
/// turned into an equivalent correlation so such rules still work instead of being rejected.
/// </summary>
internal sealed record LegacyAggregation(string? CountField, IReadOnlyList<string> GroupBy, string Operator, double Threshold, TimeSpan Timeframe);
