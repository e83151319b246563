using Daybreak.Reporting;
using Daybreak.Scoping;

namespace Daybreak.Storage;

/// <summary>
/// Which log sources cover which period, per tenant, and where each has holes: the basis for saying "no evidence"
/// only where there was data to see it. A gap is a stretch of at least <c>minGap</c> with no record of that source
/// inside its covered period (an export that missed days, a diagnostic setting switched off).
/// </summary>
public static class CoverageQuery
{
    public static readonly TimeSpan DefaultMinGap = TimeSpan.FromHours(24);

    public static IReadOnlyList<CoverageEntry> Run(CaseStore store, TimeSpan? minGap = null)
    {
        var gapHours = (int)Math.Max(1, Math.Round((minGap ?? DefaultMinGap).TotalHours));
        var gaps = store.Query("""
            WITH hours AS (SELECT DISTINCT source, tenant_uid, date_trunc('hour', time) AS h FROM events),
                 next AS (SELECT source, tenant_uid, h, lead(h) OVER (PARTITION BY source, tenant_uid ORDER BY h) AS nh FROM hours)
            SELECT source, tenant_uid, h + INTERVAL 1 HOUR AS gap_from, nh AS gap_to FROM next
            WHERE nh IS NOT NULL AND nh - h > to_hours($1::BIGINT)
            ORDER BY source, tenant_uid, gap_from
            """, (long)gapHours).Rows
            .GroupBy(r => ((string)r[0]!, r[1] as string))
            .ToDictionary(g => g.Key, g => g.Select(r => new TimeWindow((DateTime)r[2]!, (DateTime)r[3]!)).ToList());
        var result = store.Query("""
            SELECT source, tenant_uid, min(time) AS "from", max(time) AS "to", count(*) AS records
            FROM events GROUP BY source, tenant_uid ORDER BY source, tenant_uid NULLS LAST
            """);
        return result.Rows.Select(r =>
        {
            var key = ((string)r[0]!, r[1] as string);
            return new CoverageEntry(key.Item1, key.Item2, (DateTime)r[2]!, (DateTime)r[3]!, Convert.ToInt64(r[4]))
            {
                Gaps = gaps.TryGetValue(key, out var g) ? g : [],
            };
        }).ToList();
    }
}
