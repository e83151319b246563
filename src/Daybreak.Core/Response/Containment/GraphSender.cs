using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Polly;
using Polly.Retry;

namespace Daybreak.Response.Containment;

/// <summary>
/// Sends one Graph request with a bearer token, retrying 429/502/503/504 and transport errors a bounded number of
/// times (waiting what Retry-After says, capped), and writes every attempt to the ledger.
/// </summary>
internal sealed class GraphSender
{
    private const int ExcerptLength = 2000;
    private readonly HttpClient _http;
    private readonly Func<CancellationToken, ValueTask<string>> _token;
    private readonly IActionLedger _ledger;
    private readonly ContainmentExecutorOptions _options;
    private readonly ResiliencePipeline<GraphResponse> _pipeline;

    public GraphSender(HttpClient http, Func<CancellationToken, ValueTask<string>> token, IActionLedger ledger, ContainmentExecutorOptions options)
    {
        _http = http;
        _token = token;
        _ledger = ledger;
        _options = options;
        _pipeline = new ResiliencePipelineBuilder<GraphResponse> { TimeProvider = options.Time }
            .AddRetry(new RetryStrategyOptions<GraphResponse>
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && args.Outcome switch
                {
                    { Exception: HttpRequestException or TaskCanceledException } => !args.Context.CancellationToken.IsCancellationRequested,
                    { Result: { } r } => r.Status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout,
                    _ => false,
                }),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter is { } after
                    ? (TimeSpan?)(after > options.MaxDelay ? options.MaxDelay : after) : null),
            })
            .Build();
    }

    public Uri Base => _options.GraphUrl;

    /// <summary>An absolute URL for a path under the Graph base (path already escaped).</summary>
    public Uri Url(string path) => new(_options.GraphUrl.AbsoluteUri.TrimEnd('/') + path);

    /// <summary>True when a server-given link (an @odata.nextLink) stays on the Graph host, so the token goes nowhere else.</summary>
    public bool SameOrigin(Uri link) =>
        link.IsAbsoluteUri && link.Scheme == _options.GraphUrl.Scheme && link.Host.Equals(_options.GraphUrl.Host, StringComparison.OrdinalIgnoreCase) && link.Port == _options.GraphUrl.Port;

    public async Task<GraphResponse> SendAsync(string incidentId, ContainmentStep step, HttpMethod method, Uri url, string? body, CancellationToken ct)
    {
        var attempt = 0;
        return await _pipeline.ExecuteAsync(async token =>
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
                _ledger.Record(Row(incidentId, step, method, url, body, now, (int)response.StatusCode, text,
                    result.Ok ? "ok" : result.NotFound ? "gone" : IsRetryable(response.StatusCode) ? "retry" : "error", attempt));
                return result;
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !token.IsCancellationRequested))
            {
                _ledger.Record(Row(incidentId, step, method, url, body, now, null, ex.Message, "transport-error", attempt));
                throw;
            }
        }, ct);
    }

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

    private static ActionRecord Row(string incidentId, ContainmentStep step, HttpMethod method, Uri url, string? body, DateTime time,
        int? status, string? response, string outcome, int attempt) => new()
    {
        IncidentId = incidentId, StepKey = step.Key, Step = step.Order, Kind = "request", Method = method.Method, Url = url.AbsoluteUri,
        RequestBody = body, Status = status, ResponseExcerpt = response is null ? null : response.Length > ExcerptLength ? response[..ExcerptLength] : response,
        Outcome = outcome, Note = attempt > 1 ? $"attempt {attempt}" : null, Time = time,
    };
}
