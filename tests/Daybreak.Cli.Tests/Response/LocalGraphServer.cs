using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Daybreak.Tests.Response;

/// <summary>
/// A local stand-in for Microsoft Graph v1.0, on 127.0.0.1, for the containment and notice tests. Graph itself is
/// unreachable from here, so this server follows Graph's documented request and response shapes for exactly the
/// endpoints Daybreak uses: PATCH users and servicePrincipals (204), revokeSignInSessions (200 {"value": true}),
/// removePassword (204), removeKey with its proof of possession (LocalGraphServer.RemoveKey.cs), GET with $select,
/// appRoleAssignedTo paged with @odata.nextLink, oauth2PermissionGrants with $filter=clientId eq '...', DELETE (204),
/// sendMail (LocalGraphServer.SendMail.cs), 404 with Graph's error object for items already gone, 429 with
/// Retry-After when told to throttle, 401 without the bearer token. Tests assert on <see cref="Received"/>.
/// </summary>
internal sealed partial class LocalGraphServer : IDisposable
{
    public const string Token = "test-token";
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();

    public LocalGraphServer()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            BaseUrl = $"http://127.0.0.1:{port}/v1.0";
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try { _listener.Start(); break; }
            catch (HttpListenerException) when (attempt < 5) { }
        }
        _loop = Task.Run(LoopAsync);
    }

    public string BaseUrl { get; }

    public Dictionary<string, JsonObject> Users { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, JsonObject> ServicePrincipals { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, JsonObject> Applications { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Resource service principal id to the assignments made to it.</summary>
    public Dictionary<string, List<JsonObject>> AppRoleAssignedTo { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<JsonObject> Grants { get; } = [];

    public int PageSize { get; set; } = 2;

    /// <summary>"METHOD /path" of requests to answer once with 429 and Retry-After: 1.</summary>
    public HashSet<string> ThrottleOnce { get; } = [];

    public List<ReceivedRequest> Received { get; } = [];

    public IReadOnlyList<ReceivedRequest> Snapshot() { lock (_gate) return Received.ToList(); }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (HttpListenerException) { return; }
            catch (ObjectDisposedException) { return; }
            // One task per request, so a request held open (a test's crash window) does not block the others.
            _ = Task.Run(() => ServeAsync(ctx));
        }
    }

    private async Task ServeAsync(HttpListenerContext ctx)
    {
        try { await HandleAsync(ctx); }
        catch (Exception ex)
        {
            try { await ReplyAsync(ctx, 500, Error("InternalServerError", ex.Message)); }
            catch (Exception) { } // the client is gone (a test killed it)
        }
    }

    private async Task HandleAsync(HttpListenerContext ctx)
    {
        var req = ctx.Request;
        var body = req.HasEntityBody ? await new StreamReader(req.InputStream, Encoding.UTF8).ReadToEndAsync() : null;
        var raw = req.Url!.AbsolutePath;
        var path = Uri.UnescapeDataString(raw.StartsWith("/v1.0", StringComparison.Ordinal) ? raw[5..] : raw);
        var query = System.Web.HttpUtility.ParseQueryString(req.Url.Query);
        var received = new ReceivedRequest(req.HttpMethod, path, req.Url.Query, body, req.Headers["Authorization"]);
        lock (_gate) Received.Add(received);

        if (req.Headers["Authorization"] != "Bearer " + Token)
        {
            await ReplyAsync(ctx, 401, Error("InvalidAuthenticationToken", "Access token is empty."));
            return;
        }
        var key = req.HttpMethod + " " + path;
        bool throttle;
        lock (_gate) throttle = ThrottleOnce.Remove(key);
        if (throttle)
        {
            ctx.Response.Headers["Retry-After"] = "1";
            await ReplyAsync(ctx, 429, Error("TooManyRequests", "Too many requests."));
            return;
        }
        if (req.HttpMethod == "POST" && path.Trim('/').Split('/') is ["users", var sender, "sendMail"])
        {
            await SendMailAsync(ctx, sender, req.ContentType, body);
            return;
        }
        var (status, response) = Route(req.HttpMethod, path, query, body);
        await ReplyAsync(ctx, status, response);
    }

    private (int, JsonNode?) Route(string method, string path, System.Collections.Specialized.NameValueCollection query, string? body)
    {
        var parts = path.Trim('/').Split('/');
        lock (_gate)
        {
            switch (method, parts)
            {
                case ("PATCH", ["users", var id]):
                    if (!Users.TryGetValue(id, out var user)) return NotFound(id);
                    Merge(user, body);
                    return (204, null);
                case ("POST", ["users", var id, "revokeSignInSessions"]):
                    if (!Users.TryGetValue(id, out var u)) return NotFound(id);
                    u["revoked"] = (u["revoked"]?.GetValue<int>() ?? 0) + 1;
                    return (200, new JsonObject { ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean", ["value"] = true });
                case ("GET", ["servicePrincipals", var id, "appRoleAssignedTo"]):
                    return Page($"servicePrincipals/{id}/appRoleAssignedTo", AppRoleAssignedTo.GetValueOrDefault(id) ?? [], query);
                case ("DELETE", ["servicePrincipals", var id, "appRoleAssignedTo", var aid]):
                    var list = AppRoleAssignedTo.GetValueOrDefault(id);
                    var found = list?.FirstOrDefault(a => a["id"]!.GetValue<string>() == aid);
                    if (found is null) return NotFound(aid);
                    list!.Remove(found);
                    return (204, null);
                case ("GET", ["oauth2PermissionGrants"]):
                    var filter = query["$filter"];
                    var client = filter is null ? null : System.Text.RegularExpressions.Regex.Match(filter, "^clientId eq '([^']+)'$").Groups[1].Value;
                    return Page("oauth2PermissionGrants", Grants.Where(g => client is null || g["clientId"]!.GetValue<string>() == client).ToList(), query);
                case ("DELETE", ["oauth2PermissionGrants", var gid]):
                    var grant = Grants.FirstOrDefault(g => g["id"]!.GetValue<string>() == gid);
                    if (grant is null) return NotFound(gid);
                    Grants.Remove(grant);
                    return (204, null);
                case (_, [var collection, ..]) when Owner(collection) is { } owners:
                    return Credentialed(method, owners, collection, parts, query, body);
                default:
                    return (400, Error("BadRequest", $"Unsupported request: {method} {path}"));
            }
        }
    }

    private (int, JsonNode?) Credentialed(string method, Dictionary<string, JsonObject> owners, string collection, string[] parts, System.Collections.Specialized.NameValueCollection query, string? body)
    {
        var alt = AltKey(collection);
        var id = alt ?? (parts.Length > 1 ? parts[1] : "");
        var obj = alt is not null ? owners.Values.FirstOrDefault(o => o["appId"]?.GetValue<string>() == alt) : owners.GetValueOrDefault(id);
        if (obj is null) return NotFound(id);
        var sub = alt is not null ? (parts.Length > 1 ? parts[1] : null) : (parts.Length > 2 ? parts[2] : null);
        switch (method, sub)
        {
            case ("GET", null):
                var select = query["$select"]?.Split(',');
                var result = new JsonObject { ["@odata.context"] = $"https://graph.microsoft.com/v1.0/$metadata#{(collection.StartsWith("app", StringComparison.Ordinal) ? "applications" : "servicePrincipals")}/$entity" };
                foreach (var (k, v) in obj)
                    if (select is null || select.Contains(k)) result[k] = v?.DeepClone();
                return (200, result);
            case ("PATCH", null):
                Merge(obj, body);
                return (204, null);
            case ("POST", "removeKey"):
                return RemoveKey(obj, body);
            case ("POST", "removePassword"):
                var keyId = JsonNode.Parse(body!)!["keyId"]!.GetValue<string>();
                var secrets = (JsonArray)obj["passwordCredentials"]!;
                var secret = secrets.FirstOrDefault(s => s!["keyId"]!.GetValue<string>() == keyId);
                if (secret is null) return NotFound(keyId);
                secrets.Remove(secret);
                return (204, null);
            default:
                return (400, Error("BadRequest", "Unsupported request"));
        }
    }

    private Dictionary<string, JsonObject>? Owner(string collection) =>
        collection.StartsWith("applications", StringComparison.Ordinal) ? Applications
        : collection.StartsWith("servicePrincipals", StringComparison.Ordinal) ? ServicePrincipals : null;

    /// <summary>"servicePrincipals(appId='x')": Graph's alternate key.</summary>
    private static string? AltKey(string collection) =>
        System.Text.RegularExpressions.Regex.Match(collection, @"\(appId='([^']+)'\)") is { Success: true } m ? m.Groups[1].Value : null;

    private (int, JsonNode?) Page(string collection, List<JsonObject> items, System.Collections.Specialized.NameValueCollection query)
    {
        var skip = int.TryParse(query["$skiptoken"], out var s) ? s : 0;
        var page = new JsonArray(items.Skip(skip).Take(PageSize).Select(i => (JsonNode)i.DeepClone()).ToArray());
        var result = new JsonObject { ["@odata.context"] = $"https://graph.microsoft.com/v1.0/$metadata#{collection}", ["value"] = page };
        if (skip + PageSize < items.Count) result["@odata.nextLink"] = $"{BaseUrl}/{collection}?$skiptoken={skip + PageSize}";
        return (200, result);
    }

    private static void Merge(JsonObject target, string? body)
    {
        if (body is null) return;
        foreach (var (k, v) in JsonNode.Parse(body)!.AsObject()) target[k] = v?.DeepClone();
    }

    private static (int, JsonNode?) NotFound(string id) =>
        (404, Error("Request_ResourceNotFound", $"Resource '{id}' does not exist or one of its queried reference-property objects are not present."));

    private static JsonObject Error(string code, string message) => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = code, ["message"] = message,
            ["innerError"] = new JsonObject { ["date"] = "2024-01-19T12:00:00", ["request-id"] = Guid.NewGuid().ToString(), ["client-request-id"] = Guid.NewGuid().ToString() },
        },
    };

    private static async Task ReplyAsync(HttpListenerContext ctx, int status, JsonNode? body)
    {
        ctx.Response.StatusCode = status;
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
            ctx.Response.ContentType = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
            ctx.Response.ContentLength64 = bytes.Length;
            await ctx.Response.OutputStream.WriteAsync(bytes);
        }
        ctx.Response.Close();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        ReleaseHeld();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}

internal sealed record ReceivedRequest(string Method, string Path, string Query, string? Body, string? Authorization)
{
    public override string ToString() => Method + " " + Path + Uri.UnescapeDataString(Query);
}
