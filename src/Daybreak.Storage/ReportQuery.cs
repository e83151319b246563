using Daybreak.Reporting.IncidentReports;

namespace Daybreak.Storage;

/// <summary>What the incident report reads from the case beyond the findings: coverage per workload, names, response status.</summary>
public static class ReportQuery
{
    /// <summary>Covered period per source and category (for UAL: the workload, so SharePoint is told from Exchange).</summary>
    public static IReadOnlyList<SourceCoverage> Coverage(CaseStore store) =>
        CoverageQuery.ByCategory(store).Select(p => new SourceCoverage(p.Source, p.Key, p.From, p.To, p.Records) { Gaps = p.Gaps }).ToList();

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

    /// <summary>Containment steps of the incident by their latest outcome (done, skipped, failed...); null when none ran.</summary>
    public static IReadOnlyList<(string Status, long Count)>? ContainmentStatus(CaseStore store, string incidentId) => Counts(store.Query("""
        SELECT outcome, count(*) FROM (
            SELECT step_key, arg_max(outcome, seq) AS outcome FROM actions WHERE incident_id = $1 AND kind = 'step' GROUP BY step_key)
        GROUP BY outcome ORDER BY outcome
        """, incidentId));

    /// <summary>Notices of the incident by state (queued, sent, failed); null when none was prepared.</summary>
    public static IReadOnlyList<(string Status, long Count)>? NotificationStatus(CaseStore store, string incidentId) =>
        Counts(store.Query("SELECT state, count(*) FROM notices WHERE incident_id = $1 GROUP BY state ORDER BY state", incidentId));

    private static IReadOnlyList<(string Status, long Count)>? Counts(QueryResult result)
    {
        var counts = result.Rows.Select(r => ((r[0] as string) ?? "unknown", Convert.ToInt64(r[1]))).ToList();
        return counts.Count == 0 ? null : counts;
    }
}
