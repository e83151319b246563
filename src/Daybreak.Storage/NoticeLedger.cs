using Daybreak.Response.Notices;

namespace Daybreak.Storage;

/// <summary>Employee notices in the case file (table <c>notices</c>): the text queued, and its state: queued, sent, failed with reason.</summary>
public sealed class NoticeLedger(CaseStore store) : INoticeLedger
{
    public int Queue(IReadOnlyList<Notice> notices, DateTime now)
    {
        var added = 0;
        using var tx = store.Connection.BeginTransaction();
        foreach (var n in notices)
        {
            using var cmd = store.Command("""
                INSERT INTO notices (incident_id, recipient, message_id, subject, body_text, body_html, state, reason, attempts, queued_at, sent_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, 'queued', NULL, 0, $7, NULL, $7)
                ON CONFLICT DO NOTHING
                """, n.IncidentId, n.Recipient, n.MessageId, n.Subject, n.Text, n.Html, now);
            added += cmd.ExecuteNonQuery();
        }
        tx.Commit();
        return added;
    }

    public IReadOnlyList<Notice> Unsent(string incidentId) =>
        store.Query("""
            SELECT incident_id, recipient, subject, body_text, body_html, message_id FROM notices
            WHERE incident_id = $1 AND state <> 'sent' ORDER BY recipient
            """, incidentId).Rows
            .Select(r => new Notice((string)r[0]!, (string)r[1]!, (string)r[2]!, (string)r[3]!, (string)r[4]!, (string)r[5]!)).ToList();

    public void MarkSent(string incidentId, string recipient, DateTime now) =>
        Update("UPDATE notices SET state = 'sent', reason = NULL, attempts = attempts + 1, sent_at = $3, updated_at = $3 WHERE incident_id = $1 AND recipient = $2",
            incidentId, recipient, now);

    public void MarkFailed(string incidentId, string recipient, string reason, DateTime now) =>
        Update("UPDATE notices SET state = 'failed', reason = $3, attempts = attempts + 1, updated_at = $4 WHERE incident_id = $1 AND recipient = $2 AND state <> 'sent'",
            incidentId, recipient, reason, now);

    public IReadOnlyList<NoticeState> States(string incidentId) =>
        store.Query("SELECT recipient, state, reason, attempts, sent_at FROM notices WHERE incident_id = $1 ORDER BY recipient", incidentId).Rows
            .Select(r => new NoticeState((string)r[0]!, (string)r[1]!, r[2] as string, Convert.ToInt32(r[3]),
                r[4] is DateTime t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : null)).ToList();

    private void Update(string sql, params object?[] args)
    {
        using var cmd = store.Command(sql, args);
        cmd.ExecuteNonQuery();
    }
}
