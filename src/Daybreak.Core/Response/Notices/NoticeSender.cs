using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace Daybreak.Response.Notices;

/// <summary>
/// Sends an incident's unsent notices over SMTP, marking each sent or failed (with the server's reason) in the
/// ledger as it goes. A rejected message is marked failed and the rest still go; a lost connection stops the run
/// with the rest left queued, for the next run to send.
/// </summary>
public sealed class NoticeSender(SmtpSettings settings, INoticeLedger ledger, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<SendReport> SendAsync(string incidentId, CancellationToken ct = default)
    {
        settings.Validate();
        var unsent = ledger.Unsent(incidentId);
        var report = new SendReport();
        if (unsent.Count == 0) return report;
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        await client.ConnectAsync(settings.Host, settings.Port, settings.SocketOptions, ct);
        if (settings.User is not null) await client.AuthenticateAsync(settings.User, settings.Password ?? "", ct);
        var from = MailboxAddress.Parse(settings.From);
        foreach (var notice in unsent)
        {
            if (!MailboxAddress.TryParse(notice.Recipient, out var to) || to.Address.IndexOf('@') < 1)
            {
                ledger.MarkFailed(incidentId, notice.Recipient, "not an email address", Now());
                report.Failed.Add(notice.Recipient);
                continue;
            }
            try
            {
                await client.SendAsync(Message(notice, from, to), ct);
                ledger.MarkSent(incidentId, notice.Recipient, Now());
                report.Sent.Add(notice.Recipient);
            }
            catch (SmtpCommandException ex)
            {
                ledger.MarkFailed(incidentId, notice.Recipient, $"SMTP {(int)ex.StatusCode}: {ex.Message}", Now());
                report.Failed.Add(notice.Recipient);
            }
            catch (Exception ex) when (ex is SmtpProtocolException or IOException or ServiceNotConnectedException)
            {
                ledger.MarkFailed(incidentId, notice.Recipient, "connection lost: " + ex.Message, Now());
                report.Failed.Add(notice.Recipient);
                report.Aborted = ex.Message;
                return report;
            }
        }
        await client.DisconnectAsync(true, ct);
        return report;
    }

    internal static MimeMessage Message(Notice notice, MailboxAddress from, MailboxAddress to)
    {
        var message = new MimeMessage { Subject = notice.Subject, MessageId = notice.MessageId };
        message.From.Add(from);
        message.To.Add(to);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Daybreak-Incident", notice.IncidentId);
        message.Body = new BodyBuilder { TextBody = notice.Text, HtmlBody = notice.Html }.ToMessageBody();
        return message;
    }

    private DateTime Now() => _time.GetUtcNow().UtcDateTime;
}

/// <summary>What one send run did.</summary>
public sealed class SendReport
{
    public List<string> Sent { get; } = [];

    public List<string> Failed { get; } = [];

    /// <summary>Why the run stopped early, when the connection was lost.</summary>
    public string? Aborted { get; set; }
}
