using Daybreak.Response.Notices;

namespace Daybreak.Storage;

/// <summary>
/// Employee notices in the case file (table <c>notices</c>): the text queued, and its state (<see cref="NoticeStates"/>).
/// Each update is its own committed statement, so the state on disk is the last thing known to have happened.
/// </summary>
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

    public IReadOnlyList<string> HoldInterrupted(string incidentId, DateTime now)
    {
        var recipients = store.Query("SELECT recipient FROM notices WHERE incident_id = $1 AND state = 'sending' ORDER BY recipient", incidentId).Rows
            .Select(r => (string)r[0]!).ToList();
        if (recipients.Count > 0)
            Update("""
                UPDATE notices SET state = 'unconfirmed',
                    reason = 'a run stopped after handing it to the server at ' || strftime(updated_at, '%Y-%m-%d %H:%M:%S') || 'Z and before recording the answer: it may have been delivered',
                    updated_at = $2
                WHERE incident_id = $1 AND state = 'sending'
                """, incidentId, now);
        return recipients;
    }

    public IReadOnlyList<Notice> Unsent(string incidentId, bool includeUnconfirmed = false) =>
        store.Query("""
            SELECT incident_id, recipient, subject, body_text, body_html, message_id FROM notices
            WHERE incident_id = $1 AND (state IN ('queued', 'failed') OR ($2 AND state = 'unconfirmed')) ORDER BY recipient
            """, incidentId, includeUnconfirmed).Rows
            .Select(r => new Notice((string)r[0]!, (string)r[1]!, (string)r[2]!, (string)r[3]!, (string)r[4]!, (string)r[5]!)).ToList();

    public void MarkSending(string incidentId, string recipient, DateTime now) =>
        Update("UPDATE notices SET state = 'sending', attempts = attempts + 1, updated_at = $3 WHERE incident_id = $1 AND recipient = $2 AND state <> 'sent'",
            incidentId, recipient, now);

    public void MarkSent(string incidentId, string recipient, DateTime now) =>
        Update("UPDATE notices SET state = 'sent', reason = NULL, sent_at = $3, updated_at = $3 WHERE incident_id = $1 AND recipient = $2",
            incidentId, recipient, now);

    public void MarkFailed(string incidentId, string recipient, string reason, DateTime now) =>
        Update("UPDATE notices SET state = 'failed', reason = $3, updated_at = $4 WHERE incident_id = $1 AND recipient = $2 AND state <> 'sent'",
            incidentId, recipient, reason, now);

    public void MarkUnconfirmed(string incidentId, string recipient, string reason, DateTime now) =>
        Update("UPDATE notices SET state = 'unconfirmed', reason = $3, updated_at = $4 WHERE incident_id = $1 AND recipient = $2 AND state <> 'sent'",
            incidentId, recipient, reason, now);

    public int ConfirmSent(string incidentId, DateTime now)
    {
        using var cmd = store.Command("""
            UPDATE notices SET state = 'sent', reason = 'marked sent by the responder (the send had no recorded answer)', sent_at = $2, updated_at = $2
            WHERE incident_id = $1 AND state = 'unconfirmed'
            """, incidentId, now);
        return cmd.ExecuteNonQuery();
    }

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
