using MimeKit;

namespace Daybreak.Response.Notices;

/// <summary>
/// Delivers an incident's unsent notices through a transport (SMTP or Graph), recording each in the ledger as it goes:
/// <c>sending</c> just before it is handed over, then <c>sent</c>, <c>failed</c> with the server's reason, or
/// <c>unconfirmed</c> when no answer came back. A refused notice does not stop the others; a lost connection stops the
/// run. A notice whose send was started and never answered is not sent again unless the responder says so
/// (<see cref="UnconfirmedNotices"/>): both transports behave alike here.
/// </summary>
public sealed class NoticeSender(INoticeTransport transport, INoticeLedger ledger, TimeProvider? time = null,
    UnconfirmedNotices unconfirmed = UnconfirmedNotices.Hold)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<SendReport> SendAsync(string incidentId, CancellationToken ct = default)
    {
        var report = new SendReport();
        report.Interrupted.AddRange(ledger.HoldInterrupted(incidentId, Now()));
        if (unconfirmed == UnconfirmedNotices.MarkSent) report.Confirmed = ledger.ConfirmSent(incidentId, Now());
        var unsent = ledger.Unsent(incidentId, includeUnconfirmed: unconfirmed == UnconfirmedNotices.Resend);
        if (unsent.Count == 0) return report;
        await transport.OpenAsync(ct);
        foreach (var notice in unsent)
        {
            if (!MailboxAddress.TryParse(notice.Recipient, out var to) || to.Address.IndexOf('@') < 1)
            {
                ledger.MarkFailed(incidentId, notice.Recipient, "not an email address", Now());
                report.Failed.Add(notice.Recipient);
                continue;
            }
            ledger.MarkSending(incidentId, notice.Recipient, Now());
            Delivery delivery;
            try
            {
                delivery = await transport.SendAsync(notice, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                ledger.MarkUnconfirmed(incidentId, notice.Recipient, "stopped while sending: it may have been delivered", Now());
                throw;
            }
            switch (delivery.Result)
            {
                case DeliveryResult.Sent:
                    ledger.MarkSent(incidentId, notice.Recipient, Now());
                    report.Sent.Add(notice.Recipient);
                    break;
                case DeliveryResult.Failed:
                    ledger.MarkFailed(incidentId, notice.Recipient, delivery.Reason ?? "refused", Now());
                    report.Failed.Add(notice.Recipient);
                    break;
                default:
                    ledger.MarkUnconfirmed(incidentId, notice.Recipient, delivery.Reason ?? "no answer", Now());
                    report.Unconfirmed.Add(notice.Recipient);
                    break;
            }
            if (delivery.Stop)
            {
                report.Aborted = delivery.Reason;
                break;
            }
        }
        return report;
    }

    private DateTime Now() => _time.GetUtcNow().UtcDateTime;
}
