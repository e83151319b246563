using MailKit.Security;
using MimeKit;

namespace Daybreak.Response.Notices;

/// <summary>Where and how notices are sent. Validated before anything is queued.</summary>
public sealed class SmtpSettings
{
    public required string Host { get; init; }

    public int Port { get; init; } = 587;

    /// <summary>auto, none, starttls (STARTTLS required), ssl (TLS from the first byte).</summary>
    public string Tls { get; init; } = "starttls";

    public string? User { get; init; }

    public string? Password { get; init; }

    public required string From { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public SecureSocketOptions SocketOptions => Tls.ToLowerInvariant() switch
    {
        "auto" => SecureSocketOptions.Auto,
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "ssl" or "tls" => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentException($"unknown TLS mode '{Tls}': auto, none, starttls or ssl"),
    };

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host)) throw new ArgumentException("give the SMTP host (--smtp-host or DAYBREAK_SMTP_HOST)");
        if (Port is < 1 or > 65535) throw new ArgumentException("the SMTP port must be 1-65535");
        _ = SocketOptions;
        if (!MailboxAddress.TryParse(From, out _)) throw new ArgumentException("give a valid sender address (--from or DAYBREAK_SMTP_FROM)");
        if (User is not null && Password is null) throw new ArgumentException("an SMTP user needs a password (DAYBREAK_SMTP_PASSWORD)");
    }
}
