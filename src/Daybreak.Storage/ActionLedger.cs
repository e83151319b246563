using Daybreak.Response.Graph;

namespace Daybreak.Storage;

/// <summary>The containment ledger in the case file (table <c>actions</c>): every Graph request and response, and every step's outcome.</summary>
public sealed class ActionLedger(CaseStore store) : IActionLedger
{
    public bool IsDone(string incidentId, string stepKey)
    {
        using var cmd = store.Command("SELECT count(*) FROM actions WHERE incident_id = $1 AND step_key = $2 AND kind = 'step' AND outcome IN ('done', 'skipped')", incidentId, stepKey);
        return Convert.ToInt64(cmd.ExecuteScalar()) > 0;
    }

    public void Record(ActionRecord r)
    {
        using var cmd = store.Command("""
            INSERT INTO actions (incident_id, step_key, step, kind, method, url, request_body, status, response_excerpt, outcome, note, time)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """, r.IncidentId, r.StepKey, r.Step, r.Kind, r.Method, r.Url, r.RequestBody, r.Status, r.ResponseExcerpt, r.Outcome, r.Note, r.Time);
        cmd.ExecuteNonQuery();
    }

    /// <summary>The ledger of one incident, in the order written.</summary>
    public IReadOnlyList<ActionRecord> Read(string incidentId) =>
        store.Query("""
            SELECT incident_id, step_key, step, kind, method, url, request_body, status, response_excerpt, outcome, note, time
            FROM actions WHERE incident_id = $1 ORDER BY seq
            """, incidentId).Rows.Select(r => new ActionRecord
        {
            IncidentId = (string)r[0]!, StepKey = (string)r[1]!, Step = r[2] is null ? 0 : Convert.ToInt32(r[2]), Kind = (string)r[3]!,
            Method = r[4] as string, Url = r[5] as string, RequestBody = r[6] as string, Status = r[7] is null ? null : Convert.ToInt32(r[7]),
            ResponseExcerpt = r[8] as string, Outcome = (string)r[9]!, Note = r[10] as string,
            Time = DateTime.SpecifyKind((DateTime)r[11]!, DateTimeKind.Utc),
        }).ToList();
}
