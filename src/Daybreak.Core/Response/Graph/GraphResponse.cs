using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Daybreak.Response.Graph;

/// <summary>A Graph response read in full (bodies are small), so it can be logged and parsed after the connection is gone.</summary>
public sealed record GraphResponse(HttpStatusCode Status, string Body, TimeSpan? RetryAfter)
{
    public bool Ok => (int)Status is >= 200 and < 300;

    public bool NotFound => Status == HttpStatusCode.NotFound;

    /// <summary>Status, Graph's error code and message (<c>{"error":{"code","message"}}</c>), as one line for a ledger or a report.</summary>
    public string Describe()
    {
        string? code = null, message = null;
        try
        {
            var error = JsonNode.Parse(Body)?["error"];
            code = error?["code"] is JsonValue c && c.TryGetValue<string>(out var cs) ? cs : null;
            message = error?["message"] is JsonValue m && m.TryGetValue<string>(out var ms) ? ms : null;
        }
        catch (JsonException) { }
        catch (InvalidOperationException) { }
        var text = $"HTTP {(int)Status}" + (code is null ? "" : " " + code) + (message is null ? "" : ": " + message);
        return text.Length > 1000 ? text[..1000] : text;
    }
}
