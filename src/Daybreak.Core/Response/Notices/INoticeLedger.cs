namespace Daybreak.Response.Notices;

/// <summary>
/// The notices of an incident and their delivery state (queued, sent, failed with reason). The case store
/// implements it; a notice once sent is never sent again.
/// </summary>
public interface INoticeLedger
{
    /// <summary>Queues the notices whose recipient has none yet for this incident; returns how many were added.</summary>
    int Queue(IReadOnlyList<Notice> notices, DateTime now);

    /// <summary>Queued and failed notices of the incident, in recipient order.</summary>
    IReadOnlyList<Notice> Unsent(string incidentId);

    void MarkSent(string incidentId, string recipient, DateTime now);

    void MarkFailed(string incidentId, string recipient, string reason, DateTime now);

    IReadOnlyList<NoticeState> States(string incidentId);
}

/// <summary>Where one notice stands.</summary>
public sealed record NoticeState(string Recipient, string State, string? Reason, int Attempts, DateTime? SentAt);
