namespace Daybreak.Rules.Sigma;

/// <summary>The closed set of correlation kinds of the correlation specification v2.1.</summary>
public enum SigmaCorrelationType
{
    EventCount,
    ValueCount,
    Temporal,
    TemporalOrdered,
    ValueSum,
    ValueAvg,
    ValuePercentile,
}
