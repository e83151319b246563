using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Daybreak.Tests.Response;

/// <summary>
/// <c>POST /users/{id | userPrincipalName}/sendMail</c> as Graph documents it: a JSON body
/// <c>{"message": {subject, body {contentType Text|HTML, content}, toRecipients [{emailAddress {address}}],
/// internetMessageHeaders [{name "x-...", value}]}, "saveToSentItems": bool}</c>, answered 202 Accepted with no body.
/// A malformed body is 400, a header name not starting with x- is 400 InvalidInternetMessageHeader, an unknown
/// sender 404 ErrorInvalidUser. Tests can inject answers per recipient (429 with Retry-After, 403 ErrorAccessDenied,
/// 500, 503) and hold a request open after accepting it, to crash the client in the window before it records the send.
/// </summary>
internal sealed partial class LocalGraphServer
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Mailboxes that may send; sendMail for any other user is 404 ErrorInvalidUser.</summary>
    public HashSet<string> Mailboxes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Messages accepted, in order: what Exchange would deliver.</summary>
    public List<AcceptedMail> Accepted { get; } = [];

    /// <summary>Per recipient, statuses to answer, one per request in order, before accepting (429, 403, 500, 503).</summary>
    public Dictionary<string, Queue<int>> SendMailFaults { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A recipient whose message is accepted and then left unanswered until <see cref="ReleaseHeld"/>.</summary>
    public string? HoldAfterAccepting { get; set; }

    /// <summary>Completed when the held message has been accepted.</summary>
    public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseHeld() => _release.TrySetResult();

    public IReadOnlyList<AcceptedMail> AcceptedSnapshot() { lock (_gate) return Accepted.ToList(); }

    private async Task SendMailAsync(HttpListenerContext ctx, string sender, string? contentType, string? body)
    {
        int status;
        JsonNode? error = null;
        var hold = false;
        lock (_gate)
        {
            (status, error, var mail) = Accept(sender, contentType, body);
            if (mail is not null)
            {
                Accepted.Add(mail);
                hold = HoldAfterAccepting is { } h && mail.To.Contains(h, StringComparer.OrdinalIgnoreCase);
            }
            if (status == 429) ctx.Response.Headers["Retry-After"] = "1";
        }
        if (hold)
        {
            Held.TrySetResult();
            await _release.Task;
        }
        await ReplyAsync(ctx, status, error);
    }

    private (int, JsonNode?, AcceptedMail?) Accept(string sender, string? contentType, string? body)
    {
        if (contentType is null || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (400, Error("RequestBodyRead", "Content-Type must be application/json for a JSON message."), null);
        JsonObject root;
        try { root = JsonNode.Parse(body ?? "")?.AsObject() ?? throw new JsonException("empty"); }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException) { return (400, Error("UnableToDeserializePostBody", "were unable to deserialize " + ex.Message), null); }
        if (root.Select(p => p.Key).Except(["message", "saveToSentItems"]).FirstOrDefault() is { } extra)
            return (400, Error("RequestBodyRead", $"The property '{extra}' does not exist on type 'microsoft.graph.sendMail'."), null);
        if (root["saveToSentItems"] is { } save && save.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            return (400, Error("RequestBodyRead", "saveToSentItems must be a boolean."), null);
        if (root["message"] is not JsonObject message) return (400, Error("ErrorInvalidRequest", "The message is missing."), null);
        if (message["subject"] is { } subject && subject.GetValueKind() != JsonValueKind.String)
            return (400, Error("RequestBodyRead", "subject must be a string."), null);
        if (message["body"] is not JsonObject content || !Str(content["contentType"], out var kind) || kind.ToLowerInvariant() is not ("text" or "html") || !Str(content["content"], out _))
            return (400, Error("RequestBodyRead", "body must be {contentType: Text|HTML, content: string}."), null);
        if (message["toRecipients"] is not JsonArray to || to.Count == 0)
            return (400, Error("ErrorInvalidRecipients", "At least one recipient isn't valid."), null);
        var addresses = new List<string>();
        foreach (var r in to)
        {
            if (r?["emailAddress"]?["address"] is not JsonValue a || !a.TryGetValue<string>(out var address) || address.IndexOf('@') < 1)
                return (400, Error("ErrorInvalidRecipients", "At least one recipient isn't valid."), null);
            addresses.Add(address);
        }
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (message["internetMessageHeaders"] is { } hs)
        {
            if (hs is not JsonArray list) return (400, Error("RequestBodyRead", "internetMessageHeaders must be an array."), null);
            foreach (var h in list)
            {
                if (!Str(h?["name"], out var name) || !Str(h?["value"], out var value))
                    return (400, Error("RequestBodyRead", "an internet message header needs a name and a value."), null);
                if (!name.StartsWith("x-", StringComparison.OrdinalIgnoreCase))
                    return (400, Error("InvalidInternetMessageHeader", $"The internet message header name '{name}' should start with 'x-' or 'X-'."), null);
                headers[name] = value;
            }
        }
        if (!Mailboxes.Contains(sender)) return (404, Error("ErrorInvalidUser", $"The requested user '{sender}' is invalid."), null);
        if (SendMailFaults.TryGetValue(addresses[0], out var faults) && faults.TryDequeue(out var fault))
        {
            return fault switch
            {
                429 => (429, Error("ApplicationThrottled", "Application is over its MailboxConcurrency limit."), null),
                403 => (403, Error("ErrorAccessDenied", "Access is denied. Check credentials and try again."), null),
                503 => (503, Error("ServiceUnavailable", "Service unavailable."), null),
                _ => (fault, Error("InternalServerError", "An internal server error occurred. The operation failed."), null),
            };
        }
        var mail = new AcceptedMail(sender, addresses, message["subject"]?.GetValue<string>() ?? "", kind, content["content"]!.GetValue<string>(),
            headers, root["saveToSentItems"]?.GetValue<bool>() ?? true);
        return (202, null, mail);
    }

    private static bool Str(JsonNode? node, out string value)
    {
        value = "";
        return node is JsonValue v && v.TryGetValue(out value!);
    }
}

/// <summary>A message the local Graph accepted for delivery.</summary>
internal sealed record AcceptedMail(string Sender, IReadOnlyList<string> To, string Subject, string ContentType, string Content,
    IReadOnlyDictionary<string, string> Headers, bool SaveToSentItems);
