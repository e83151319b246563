using Daybreak.Reporting.IncidentReports;

namespace Daybreak.Storage;

/// <summary>What the incident report reads from the case beyond the findings: coverage per workload, names, response status.</summary>
public static class ReportQuery
{
    /// <summary>Covered period per source and category (for UAL: the workload, so SharePoint is told from Exchange).</summary>
    public static IReadOnlyList<SourceCoverage> Coverage(CaseStore store) =>
        store.Query("""
            SELECT source, category, min(time), max(time), count(*) FROM events
            GROUP BY source, category ORDER BY source, category NULLS LAST
            """).Rows.Select(r => new SourceCoverage((string)r[0]!, r[1] as string,
                DateTime.SpecifyKind((DateTime)r[2]!, DateTimeKind.Utc), DateTime.SpecifyKind((DateTime)r[3]!, DateTimeKind.Utc), Convert.ToInt64(r[4]))).ToList();

    /// <summary>The display name most often logged for each of these app ids and UPNs.</summary>
    public static IReadOnlyDictionary<string, string> DisplayNames(CaseStore store, IEnumerable<string> appIds, IEnumerable<string> upns)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (column, ids) in new[] { ("actor_app_uid", appIds), ("actor_user_name", upns) })
        {
            foreach (var id in ids.Distinct())
            {
                var rows = store.Query($"""
                    SELECT actor_display_name FROM events WHERE lower({column}) = lower($1) AND actor_display_name IS NOT NULL
                    GROUP BY actor_display_name ORDER BY count(*) DESC, actor_display_name LIMIT 1
                    """, id).Rows;
                if (rows.Count > 0) names[id] = (string)rows[0][0]!;
            }
        }
        return names;
    }

    /// <summary>
    /// Counts by status of the rows of a response table (containment <c>actions</c>, <c>notices</c>) for this incident;
    /// null when the case has no such table, or it holds nothing for the incident. The tables are read by the
    /// columns they have: a <c>status</c> column is required, an <c>incident_id</c> column narrows to the incident.
    /// </summary>
    public static IReadOnlyList<(string Status, long Count)>? ResponseStatus(CaseStore store, string table, string incidentId)
    {
        var columns = store.Query("SELECT column_name FROM duckdb_columns() WHERE table_name = $1 AND database_name = current_database() AND schema_name = 'main'", table).Rows
            .Select(r => (string)r[0]!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!columns.Contains("status")) return null;
        var rows = columns.Contains("incident_id")
            ? store.Query($"SELECT status, count(*) FROM \"{table}\" WHERE incident_id = $1 GROUP BY status ORDER BY status", incidentId).Rows
            : store.Query($"SELECT status, count(*) FROM \"{table}\" GROUP BY status ORDER BY status").Rows;
        var counts = rows.Select(r => ((r[0] as string) ?? "unknown", Convert.ToInt64(r[1]))).ToList();
        return counts.Count == 0 ? null : counts;
    }
}
