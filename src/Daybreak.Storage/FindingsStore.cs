using Daybreak.Correlation;
using Daybreak.Detection;
using Daybreak.Reporting;

namespace Daybreak.Storage;

/// <summary>
/// The findings of the latest hunt of a case: each hunt replaces them in one transaction, so the case always holds
/// one consistent analysis of everything ingested so far.
/// </summary>
public static class FindingsStore
{
    public static void Save(CaseStore store, string runId, IReadOnlyList<Alert> alerts, IReadOnlyList<Incident> incidents)
    {
        using var tx = store.Connection.BeginTransaction();
        store.Exec("DELETE FROM alerts; DELETE FROM incidents;");
        using (var appender = store.Connection.CreateAppender("alerts"))
        {
            foreach (var a in alerts)
                appender.CreateRow().AppendText(a.Id).AppendText(runId).AppendText(a.Rule).AppendText(a.Title)
                    .AppendText(a.Severity.Name()).AppendValue(a.Time).AppendText(FindingsJson.Write(a)).EndRow();
        }
        using (var appender = store.Connection.CreateAppender("incidents"))
        {
            foreach (var i in incidents)
                appender.CreateRow().AppendText(i.Id).AppendText(runId).AppendText(i.Title).AppendText(i.Severity.Name())
                    .AppendValue(i.FirstSeen).AppendValue(i.LastSeen).AppendValue(i.DetectedAt).AppendText(FindingsJson.Write(i)).EndRow();
        }
        tx.Commit();
    }

    public static IReadOnlyList<Alert> Alerts(CaseStore store) =>
        store.Query("SELECT json FROM alerts ORDER BY time, alert_id").Rows.Select(r => FindingsJson.ReadAlert((string)r[0]!)).ToList();

    public static IReadOnlyList<Incident> Incidents(CaseStore store)
    {
        var alerts = Alerts(store).ToDictionary(a => a.Id, StringComparer.Ordinal);
        return store.Query("SELECT json FROM incidents ORDER BY first_seen, incident_id").Rows
            .Select(r => FindingsJson.ReadIncident((string)r[0]!, alerts)).ToList();
    }

    /// <summary>The incident with this id, or the only one whose id starts with it; null when none or ambiguous.</summary>
    public static Incident? Find(CaseStore store, string idOrPrefix)
    {
        var all = Incidents(store);
        return all.FirstOrDefault(i => i.Id == idOrPrefix)
            ?? (all.Count(i => i.Id.StartsWith(idOrPrefix, StringComparison.Ordinal)) == 1
                ? all.Single(i => i.Id.StartsWith(idOrPrefix, StringComparison.Ordinal)) : null);
    }
}
