namespace Daybreak.Response.Notices;

/// <summary>The states of a notice in the ledger (column <c>notices.state</c>).</summary>
public static class NoticeStates
{
    public const string Queued = "queued";

    /// <summary>Written just before a notice is handed to the server; a notice still in it was being sent when a run stopped.</summary>
    public const string Sending = "sending";

    public const string Sent = "sent";

    /// <summary>The server said no: not delivered, sent again on the next run.</summary>
    public const string Failed = "failed";

    /// <summary>Handed to the server, but its answer was never recorded (crash, lost connection, timeout): it may have been delivered.</summary>
    public const string Unconfirmed = "unconfirmed";
}
