namespace Daybreak.Response.Notices;

/// <summary>
/// The notices of an incident and their delivery state (<see cref="NoticeStates"/>). The case store implements it; a
/// notice once sent is never sent again, and one whose send was started is never sent again without the responder's word.
/// </summary>
public interface INoticeLedger
{
    /// <summary>Queues the notices whose recipient has none yet for this incident; returns how many were added.</summary>
    int Queue(IReadOnlyList<Notice> notices, DateTime now);

    /// <summary>Notices an earlier run left in <c>sending</c> (it stopped between handing them over and recording the answer) become unconfirmed; returns their recipients.</summary>
    IReadOnlyList<string> HoldInterrupted(string incidentId, DateTime now);

    /// <summary>Queued and failed notices of the incident (and unconfirmed ones when asked), in recipient order.</summary>
    IReadOnlyList<Notice> Unsent(string incidentId, bool includeUnconfirmed = false);

    /// <summary>Written before the notice is handed to the server; counts an attempt.</summary>
    void MarkSending(string incidentId, string recipient, DateTime now);

    void MarkSent(string incidentId, string recipient, DateTime now);

    void MarkFailed(string incidentId, string recipient, string reason, DateTime now);

    void MarkUnconfirmed(string incidentId, string recipient, string reason, DateTime now);

    /// <summary>Unconfirmed notices the responder found delivered become sent; returns how many.</summary>
    int ConfirmSent(string incidentId, DateTime now);

    IReadOnlyList<NoticeState> States(string incidentId);
}

/// <summary>Where one notice stands.</summary>
public sealed record NoticeState(string Recipient, string State, string? Reason, int Attempts, DateTime? SentAt);
