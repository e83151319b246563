using System.Net;

namespace Daybreak.Response.Containment;

/// <summary>A Graph response read in full (bodies are small), so it can be logged and parsed after the connection is gone.</summary>
public sealed record GraphResponse(HttpStatusCode Status, string Body, TimeSpan? RetryAfter)
{
    public bool Ok => (int)Status is >= 200 and < 300;

    public bool NotFound => Status == HttpStatusCode.NotFound;
}
