namespace Daybreak.Response.Notices;

/// <summary>How notices leave: SMTP or Microsoft Graph sendMail. One transport serves one send run.</summary>
public interface INoticeTransport : IAsyncDisposable
{
    /// <summary>Connects (and signs in) before the first notice; throws when that is impossible, before anything is marked.</summary>
    Task OpenAsync(CancellationToken ct);

    /// <summary>Hands one notice to the server and says what became of it. Never throws for an answer the server gave.</summary>
    Task<Delivery> SendAsync(Notice notice, CancellationToken ct);
}

/// <summary>What became of one notice, and whether the run should stop (the connection is gone, or the server asks to wait).</summary>
public sealed record Delivery(DeliveryResult Result, string? Reason = null, bool Stop = false)
{
    public static readonly Delivery Sent = new(DeliveryResult.Sent);
}

public enum DeliveryResult
{
    /// <summary>The server accepted it (SMTP 250, Graph 202).</summary>
    Sent,

    /// <summary>The server refused it: it was not sent, and may be sent again.</summary>
    Failed,

    /// <summary>No answer came back: it may or may not have been sent.</summary>
    Unconfirmed,
}

/// <summary>Headers every notice carries, whatever the transport, so a responder can find one in Sent Items or a mail log.</summary>
public static class NoticeHeaders
{
    /// <summary>The notice id (also its SMTP Message-ID): fixed per incident and recipient.</summary>
    public const string NoticeId = "X-Daybreak-Notice";

    public const string Incident = "X-Daybreak-Incident";

    /// <summary>A header value that is printable ASCII and bounded, as Graph and RFC 5322 want.</summary>
    public static string Value(string text)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            if (sb.Length >= 200) break;
            sb.Append(c is >= ' ' and <= '~' ? c : '_');
        }
        return sb.ToString();
    }
}
