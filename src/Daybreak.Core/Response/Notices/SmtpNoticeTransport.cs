using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace Daybreak.Response.Notices;

/// <summary>
/// Notices over SMTP (MailKit): one connection for the run, a multipart/alternative message (text and HTML) per
/// notice with its fixed Message-ID. A reply code refusing the message is a failure; a connection lost while sending
/// leaves the notice unconfirmed (the server may have taken it before the line dropped) and stops the run.
/// </summary>
public sealed class SmtpNoticeTransport(SmtpSettings settings) : INoticeTransport
{
    private readonly SmtpClient _client = new() { Timeout = (int)settings.Timeout.TotalMilliseconds };
    private MailboxAddress? _from;

    public async Task OpenAsync(CancellationToken ct)
    {
        settings.Validate();
        _from = MailboxAddress.Parse(settings.From);
        await _client.ConnectAsync(settings.Host, settings.Port, settings.SocketOptions, ct);
        if (settings.User is not null) await _client.AuthenticateAsync(settings.User, settings.Password ?? "", ct);
    }

    public async Task<Delivery> SendAsync(Notice notice, CancellationToken ct)
    {
        if (_from is null) throw new InvalidOperationException("open the transport first");
        try
        {
            await _client.SendAsync(Message(notice, _from, MailboxAddress.Parse(notice.Recipient)), ct);
            return Delivery.Sent;
        }
        catch (SmtpCommandException ex)
        {
            return new Delivery(DeliveryResult.Failed, $"SMTP {(int)ex.StatusCode}: {ex.Message}");
        }
        catch (Exception ex) when (ex is SmtpProtocolException or IOException or ServiceNotConnectedException)
        {
            return new Delivery(DeliveryResult.Unconfirmed, "connection lost while sending: " + ex.Message, Stop: true);
        }
    }

    internal static MimeMessage Message(Notice notice, MailboxAddress from, MailboxAddress to)
    {
        var message = new MimeMessage { Subject = notice.Subject, MessageId = notice.MessageId };
        message.From.Add(from);
        message.To.Add(to);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add(NoticeHeaders.NoticeId, NoticeHeaders.Value(notice.MessageId));
        message.Headers.Add(NoticeHeaders.Incident, NoticeHeaders.Value(notice.IncidentId));
        message.Body = new BodyBuilder { TextBody = notice.Text, HtmlBody = notice.Html }.ToMessageBody();
        return message;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected) await _client.DisconnectAsync(true);
        }
        catch (Exception ex) when (ex is IOException or SmtpProtocolException or SmtpCommandException or ServiceNotConnectedException) { }
        _client.Dispose();
    }
}
