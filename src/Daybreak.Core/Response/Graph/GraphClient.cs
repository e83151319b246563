using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Polly;
using Polly.Retry;

namespace Daybreak.Response.Graph;

/// <summary>
/// Sends Graph requests with a bearer token for every verb that talks to Graph (contain, notify). Retries 429 and 503
/// a bounded number of times, waiting what Retry-After says (capped) or an exponential back-off with jitter; requests
/// safe to repeat are also retried after 502, 504 and transport errors. Every attempt is written to the ledger.
/// </summary>
public sealed class GraphClient
{
    private const int ExcerptLength = 2000;
    private readonly HttpClient _http;
    private readonly Func<CancellationToken, ValueTask<string>> _token;
    private readonly IActionLedger _ledger;
    private readonly GraphClientOptions _options;
    private readonly ResiliencePipeline<GraphResponse> _repeatable;
    private readonly ResiliencePipeline<GraphResponse> _once;

    public GraphClient(HttpClient http, Func<CancellationToken, ValueTask<string>> token, IActionLedger ledger, GraphClientOptions options)
    {
        options.Validate();
        _http = http;
        _token = token;
        _ledger = ledger;
        _options = options;
        _repeatable = Pipeline(options, outcome => outcome switch
        {
            { Exception: HttpRequestException or TaskCanceledException } => true,
            { Result: { } r } => r.Status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout,
            _ => false,
        });
        // Not idempotent: only answers that say Graph did not take the request, and connections that never opened.
        _once = Pipeline(options, outcome => outcome switch
        {
            { Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } } => true,
            { Result: { } r } => r.Status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable,
            _ => false,
        });
    }

    public Uri Base => _options.GraphUrl;

    public TimeProvider Time => _options.Time;

    /// <summary>An absolute URL for a path under the Graph base (path already escaped).</summary>
    public Uri Url(string path) => new(_options.GraphUrl.AbsoluteUri.TrimEnd('/') + path);

    /// <summary>True when a server-given link (an @odata.nextLink) stays on the Graph host, so the token goes nowhere else.</summary>
    public bool SameOrigin(Uri link) =>
        link.IsAbsoluteUri && link.Scheme == _options.GraphUrl.Scheme && link.Host.Equals(_options.GraphUrl.Host, StringComparison.OrdinalIgnoreCase) && link.Port == _options.GraphUrl.Port;

    public async Task<GraphResponse> SendAsync(GraphCall call, HttpMethod method, Uri url, string? body, CancellationToken ct)
    {
        var attempt = 0;
        var pipeline = call.Repeatable ? _repeatable : _once;
        return await pipeline.ExecuteAsync(async token =>
        {
            attempt++;
            var now = _options.Time.GetUtcNow().UtcDateTime;
            try
            {
                using var request = new HttpRequestMessage(method, url);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _token(token));
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                request.Headers.Add("client-request-id", Guid.NewGuid().ToString());
                if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await _http.SendAsync(request, token);
                var text = await response.Content.ReadAsStringAsync(token);
                var result = new GraphResponse(response.StatusCode, text, RetryAfter(response));
                _ledger.Record(Row(call, method, url, body, now, (int)response.StatusCode, text,
                    result.Ok ? "ok" : result.NotFound ? "gone" : IsRetryable(response.StatusCode) ? "retry" : "error", attempt));
                return result;
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !token.IsCancellationRequested))
            {
                _ledger.Record(Row(call, method, url, body, now, null, ex.Message, "transport-error", attempt));
                throw;
            }
        }, ct);
    }

    private static ResiliencePipeline<GraphResponse> Pipeline(GraphClientOptions options, Func<Outcome<GraphResponse>, bool> retryable) =>
        new ResiliencePipelineBuilder<GraphResponse> { TimeProvider = options.Time }
            .AddRetry(new RetryStrategyOptions<GraphResponse>
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && !args.Context.CancellationToken.IsCancellationRequested && retryable(args.Outcome)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter is { } after
                    ? (TimeSpan?)(after > options.MaxDelay ? options.MaxDelay : after) : null),
            })
            .Build();

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout;

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } ra) return null;
        if (ra.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (ra.Date is { } date)
        {
            var wait = date - _options.Time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    private static ActionRecord Row(GraphCall call, HttpMethod method, Uri url, string? body, DateTime time, int? status, string? response, string outcome, int attempt) => new()
    {
        IncidentId = call.IncidentId, StepKey = call.Key, Step = call.Step, Kind = "request", Method = method.Method, Url = url.AbsoluteUri,
        RequestBody = body is null ? null : call.LoggedBody ?? body, Status = status,
        ResponseExcerpt = response is null ? null : response.Length > ExcerptLength ? response[..ExcerptLength] : response,
        Outcome = outcome, Note = attempt > 1 ? $"attempt {attempt}" : null, Time = time,
    };
}
