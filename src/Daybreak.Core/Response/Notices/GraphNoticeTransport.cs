using System.Net;
using System.Text.Json.Nodes;
using Daybreak.Response.Graph;

namespace Daybreak.Response.Notices;

/// <summary>
/// Notices through Microsoft Graph: <c>POST /users/{sender}/sendMail</c> with the HTML part as the body, the notice
/// id and incident as x- internet message headers, and a copy in the sender's Sent Items. sendMail is not idempotent,
/// so it is retried only after 429 or 503 (Graph did not take it); a transport error, a timeout, 502 or 504 leaves
/// the notice unconfirmed and stops the run. Every attempt is written to the actions ledger under <c>notice:RECIPIENT</c>.
/// </summary>
public sealed class GraphNoticeTransport : INoticeTransport
{
    private readonly GraphClient _graph;
    private readonly string _sender;

    public GraphNoticeTransport(GraphClient graph, string sender)
    {
        _sender = sender.Trim();
        if (!GraphText.IsUpn(_sender) && !GraphText.IsGuid(_sender))
            throw new ArgumentException("give the sending mailbox (--from ADDRESS: its user principal name, address or object id)");
        _graph = graph;
    }

    public Task OpenAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task<Delivery> SendAsync(Notice notice, CancellationToken ct)
    {
        var call = new GraphCall(notice.IncidentId, "notice:" + notice.Recipient) { Repeatable = false, LoggedBody = Body(notice, logged: true) };
        GraphResponse r;
        try
        {
            r = await _graph.SendAsync(call, HttpMethod.Post, _graph.Url("/users/" + GraphText.Segment(_sender) + "/sendMail"), Body(notice, logged: false), ct);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            return new Delivery(DeliveryResult.Failed, "could not connect to Graph: " + ex.Message, Stop: true);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return new Delivery(DeliveryResult.Unconfirmed, "no answer from Graph (" + ex.Message + "): it may have been sent", Stop: true);
        }
        if (r.Ok) return Delivery.Sent;
        return r.Status switch
        {
            HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout =>
                new Delivery(DeliveryResult.Unconfirmed, r.Describe() + " (a gateway error: Graph may have sent it)", Stop: true),
            HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable =>
                new Delivery(DeliveryResult.Failed, r.Describe() + " (still refused after the retries)", Stop: true),
            _ => new Delivery(DeliveryResult.Failed, r.Describe()),
        };
    }

    /// <summary>The sendMail request; for the ledger, the same without the notice text (the notices table holds it).</summary>
    private static string Body(Notice notice, bool logged) => new JsonObject
    {
        ["message"] = new JsonObject
        {
            ["subject"] = notice.Subject,
            ["body"] = new JsonObject
            {
                ["contentType"] = "HTML",
                ["content"] = logged ? $"[the HTML of notice {notice.MessageId}: see the notices table]" : notice.Html,
            },
            ["toRecipients"] = new JsonArray(new JsonObject { ["emailAddress"] = new JsonObject { ["address"] = notice.Recipient } }),
            ["internetMessageHeaders"] = new JsonArray(
                new JsonObject { ["name"] = NoticeHeaders.NoticeId.ToLowerInvariant(), ["value"] = NoticeHeaders.Value(notice.MessageId) },
                new JsonObject { ["name"] = NoticeHeaders.Incident.ToLowerInvariant(), ["value"] = NoticeHeaders.Value(notice.IncidentId) }),
        },
        ["saveToSentItems"] = true,
    }.ToJsonString();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
