using Daybreak.Reporting;
using Daybreak.Scoping;

namespace Daybreak.Storage;

/// <summary>
/// Which log sources cover which period, per tenant (or per category: the UAL workload), and where each has holes:
/// the basis for saying "no evidence" only where there was data to see it. A gap is a stretch of at least
/// <c>minGap</c> with no record of that source inside its covered period (an export that missed days, a diagnostic
/// setting switched off).
/// </summary>
public static class CoverageQuery
{
    public static readonly TimeSpan DefaultMinGap = TimeSpan.FromHours(24);

    /// <summary>Per source and tenant.</summary>
    public static IReadOnlyList<CoverageEntry> Run(CaseStore store, TimeSpan? minGap = null) =>
        Periods(store, "tenant_uid", minGap).Select(p => new CoverageEntry(p.Source, p.Key, p.From, p.To, p.Records) { Gaps = p.Gaps }).ToList();

    /// <summary>Per source and category (for UAL the workload, so SharePoint is told from Exchange).</summary>
    public static IReadOnlyList<Period> ByCategory(CaseStore store, TimeSpan? minGap = null) => Periods(store, "category", minGap);

    /// <summary>One source's period under one key (tenant or category), with its gaps.</summary>
    public sealed record Period(string Source, string? Key, DateTime From, DateTime To, long Records, IReadOnlyList<TimeWindow> Gaps);

    private static List<Period> Periods(CaseStore store, string keyColumn, TimeSpan? minGap)
    {
        var gapHours = (long)Math.Max(1, Math.Round((minGap ?? DefaultMinGap).TotalHours));
        var gaps = store.Query($"""
            WITH hours AS (SELECT DISTINCT source, {keyColumn} AS k, date_trunc('hour', time) AS h FROM events),
                 next AS (SELECT source, k, h, lead(h) OVER (PARTITION BY source, k ORDER BY h) AS nh FROM hours)
            SELECT source, k, h + INTERVAL 1 HOUR AS gap_from, nh AS gap_to FROM next
            WHERE nh IS NOT NULL AND nh - h > to_hours($1::BIGINT)
            ORDER BY source, k, gap_from
            """, gapHours).Rows
            .GroupBy(r => ((string)r[0]!, r[1] as string))
            .ToDictionary(g => g.Key, g => g.Select(r => new TimeWindow(Utc(r[2]), Utc(r[3]))).ToList());
        return store.Query($"""
            SELECT source, {keyColumn}, min(time), max(time), count(*) FROM events
            GROUP BY source, {keyColumn} ORDER BY source, {keyColumn} NULLS LAST
            """).Rows.Select(r =>
            {
                var key = ((string)r[0]!, r[1] as string);
                return new Period(key.Item1, key.Item2, Utc(r[2]), Utc(r[3]), Convert.ToInt64(r[4]), gaps.TryGetValue(key, out var g) ? g : []);
            }).ToList();
    }

    private static DateTime Utc(object? value) => DateTime.SpecifyKind((DateTime)value!, DateTimeKind.Utc);
}
