namespace Daybreak.Response.Graph;

/// <summary>How Daybreak talks to Microsoft Graph (containment and notices alike); validated when a client is built.</summary>
public sealed class GraphClientOptions
{
    public const string DefaultGraphUrl = "https://graph.microsoft.com/v1.0";

    /// <summary>Graph base URL, version included. Tests point it at a local server.</summary>
    public Uri GraphUrl { get; init; } = new(DefaultGraphUrl);

    /// <summary>Retries of one request after 429, 503 (and, for requests safe to repeat, 502, 504 or a transport error).</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>First back-off when the response names no Retry-After.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait honoured for one Retry-After.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(120);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public void Validate()
    {
        if (!GraphUrl.IsAbsoluteUri || GraphUrl.Scheme is not ("https" or "http")) throw new ArgumentException("the Graph URL must be an absolute http(s) URL");
        if (GraphUrl.Scheme == "http" && !GraphUrl.IsLoopback) throw new ArgumentException("a bearer token is only sent over https (plain http only to a loopback test server)");
        if (MaxRetries is < 0 or > 20) throw new ArgumentException("retries must be between 0 and 20");
        if (MaxDelay < TimeSpan.Zero || BaseDelay < TimeSpan.Zero) throw new ArgumentException("delays cannot be negative");
    }
}
