namespace Daybreak.Response.Notices;

/// <summary>One rendered notice to one mailbox owner. <see cref="MessageId"/> is fixed when queued, so a resend after a crash carries the same Message-ID.</summary>
public sealed record Notice(string IncidentId, string Recipient, string Subject, string Text, string Html, string MessageId);
