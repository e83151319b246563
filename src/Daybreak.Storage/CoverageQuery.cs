namespace Daybreak.Storage;

/// <summary>Which log sources cover which period, per tenant: the basis for saying "no evidence" only where there was data.</summary>
public static class CoverageQuery
{
    public static IReadOnlyList<CoverageRow> Run(CaseStore store)
    {
        var result = store.Query("""
            SELECT source, tenant_uid, min(time) AS "from", max(time) AS "to", count(*) AS records
            FROM events GROUP BY source, tenant_uid ORDER BY source, tenant_uid NULLS LAST
            """);
        return result.Rows.Select(r => new CoverageRow(
            (string)r[0]!, r[1] as string, (DateTime)r[2]!, (DateTime)r[3]!, Convert.ToInt64(r[4]))).ToList();
    }
}

/// <summary>One line of the coverage report.</summary>
public sealed record CoverageRow(string Source, string? Tenant, DateTime From, DateTime To, long Records);
