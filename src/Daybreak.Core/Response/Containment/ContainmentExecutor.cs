using System.Text.Json;
using System.Text.Json.Nodes;
using Daybreak.Response.Graph;

namespace Daybreak.Response.Containment;

/// <summary>
/// Sends a containment plan to Microsoft Graph. Idempotent: steps the ledger records as done are skipped, a 404 on
/// a removal counts as done (the thing is already gone), and lookups that find nothing left to remove finish the step.
/// One failing step is recorded and reported; the others still run. Certificates are removed with removeKey when the
/// plan says so (a proof certificate was given), else by updating keyCredentials.
/// </summary>
public sealed class ContainmentExecutor
{
    private readonly GraphClient _graph;
    private readonly IActionLedger _ledger;
    private readonly GraphClientOptions _options;
    private readonly KeyProof? _proof;

    public ContainmentExecutor(HttpClient http, Func<CancellationToken, ValueTask<string>> token, IActionLedger ledger, GraphClientOptions? options = null, KeyProof? proof = null)
    {
        _options = options ?? new GraphClientOptions();
        _ledger = ledger;
        _proof = proof;
        _graph = new GraphClient(http, token, ledger, _options);
    }

    public async Task<IReadOnlyList<StepResult>> ExecuteAsync(ContainmentPlan plan, CancellationToken ct = default)
    {
        var results = new List<StepResult>();
        foreach (var step in plan.Steps)
        {
            if (_ledger.IsDone(plan.IncidentId, step.Key))
            {
                results.Add(new StepResult(step, StepStatus.AlreadyDone, null));
                continue;
            }
            StepResult result;
            try
            {
                result = await RunAsync(plan.IncidentId, step, ct);
            }
            catch (Exception ex) when (ex is GraphFailure or HttpRequestException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                result = new StepResult(step, StepStatus.Failed, ex.Message);
            }
            _ledger.Record(new ActionRecord
            {
                IncidentId = plan.IncidentId, StepKey = step.Key, Step = step.Order, Kind = "step",
                Outcome = result.Status switch { StepStatus.Done => "done", StepStatus.Skipped => "skipped", _ => "failed" },
                Note = result.Note, Time = _options.Time.GetUtcNow().UtcDateTime,
            });
            results.Add(result);
        }
        return results;
    }

    private Task<StepResult> RunAsync(string incident, ContainmentStep step, CancellationToken ct) => step.Action switch
    {
        ContainmentAction.DisableUser or ContainmentAction.RevokeUserSessions or ContainmentAction.RemovePassword => Simple(incident, step, ct),
        ContainmentAction.DisableServicePrincipal => DisableServicePrincipal(incident, step, ct),
        ContainmentAction.RemoveKey => RemoveKey(incident, step, step.Args["owner"], step.Args["keyId"], ct),
        ContainmentAction.RemoveCredential => RemoveCredential(incident, step, ct),
        ContainmentAction.DeleteAppRoleAssignment => DeleteAssignment(incident, step, ct),
        ContainmentAction.DeletePermissionGrants => DeleteGrants(incident, step, ct),
        _ => throw new GraphFailure("unknown action " + step.Action),
    };

    private async Task<StepResult> Simple(string incident, ContainmentStep step, CancellationToken ct)
    {
        var r = await _graph.SendAsync(Call(incident, step), new HttpMethod(step.Method), _graph.Url(step.Path), step.Body, ct);
        return r.Ok ? Done(step) : r.NotFound ? Done(step, "not found: already gone") : Fail(step, r);
    }

    private async Task<StepResult> DisableServicePrincipal(string incident, ContainmentStep step, CancellationToken ct)
    {
        // The plan excludes Microsoft's apps by app id; this asks the tenant too, so a first-party app is never disabled.
        var check = await _graph.SendAsync(Call(incident, step), HttpMethod.Get, _graph.Url(step.Path + "?$select=id,appId,displayName,appOwnerOrganizationId,accountEnabled"), null, ct);
        if (check.NotFound) return Done(step, "not found: already gone");
        if (!check.Ok) return Fail(step, check);
        var sp = JsonNode.Parse(check.Body);
        var owner = sp?["appOwnerOrganizationId"]?.GetValue<string>();
        var appId = sp?["appId"]?.GetValue<string>();
        if ((owner is not null && MicrosoftApps.OwnerTenants.Contains(owner)) || (appId is not null && MicrosoftApps.IsFirstParty(appId)))
            return new StepResult(step, StepStatus.Skipped, "a Microsoft first-party service principal: left enabled");
        if (sp?["accountEnabled"] is JsonValue enabled && enabled.TryGetValue<bool>(out var on) && !on) return Done(step, "already disabled");
        return await Simple(incident, step, ct);
    }

    private async Task<StepResult> RemoveKey(string incident, ContainmentStep step, string owner, string keyId, CancellationToken ct)
    {
        var r = await _graph.SendAsync(Call(incident, step), HttpMethod.Get, _graph.Url(owner + "?$select=id,keyCredentials"), null, ct);
        if (r.NotFound) return Done(step, "owner not found: already gone");
        if (!r.Ok) return Fail(step, r);
        return await RemoveCertificate(incident, step, owner, keyId, JsonNode.Parse(r.Body), ct)
            ? Done(step) : Done(step, "key not present: already removed");
    }

    /// <returns>True when the key was there and was removed (removeKey with a proof, or PATCH of keyCredentials without it).</returns>
    private async Task<bool> RemoveCertificate(string incident, ContainmentStep step, string owner, string keyId, JsonNode? ownerNode, CancellationToken ct)
    {
        var keys = ownerNode?["keyCredentials"] as JsonArray;
        if (keys is null || !keys.Any(k => Is(k?["keyId"], keyId))) return false;
        GraphResponse response;
        if (step.Args.ContainsKey("proof"))
        {
            if (_proof is null) throw new GraphFailure("planned with removeKey, but no proof certificate was given");
            // The proof's issuer is the owner's object id; for an owner named by appId the GET told us which it is.
            var objectId = ownerNode?["id"] is JsonValue v && v.TryGetValue<string>(out var id) && GraphText.IsGuid(id) ? id : null;
            if (objectId is null) throw new GraphFailure("the owner's object id is not known, so no proof can be made for it");
            var body = new JsonObject { ["keyId"] = keyId, ["proof"] = _proof.For(objectId) }.ToJsonString();
            var logged = new JsonObject { ["keyId"] = keyId, ["proof"] = _proof.Redacted }.ToJsonString();
            response = await _graph.SendAsync(Call(incident, step) with { LoggedBody = logged }, HttpMethod.Post, _graph.Url(owner + "/removeKey"), body, ct);
        }
        else
        {
            var rest = new JsonArray(keys.Where(k => !Is(k?["keyId"], keyId)).Select(k => k?.DeepClone()).ToArray());
            var body = new JsonObject { ["keyCredentials"] = rest }.ToJsonString();
            response = await _graph.SendAsync(Call(incident, step), HttpMethod.Patch, _graph.Url(owner), body, ct);
        }
        if (response.Ok || response.NotFound) return true;
        throw new GraphFailure(response.Describe());
    }

    private async Task<StepResult> RemoveCredential(string incident, ContainmentStep step, CancellationToken ct)
    {
        var keyId = step.Args["keyId"];
        var removed = new List<string>();
        foreach (var owner in step.Args["owners"].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var r = await _graph.SendAsync(Call(incident, step), HttpMethod.Get, _graph.Url(owner + "?$select=id,passwordCredentials,keyCredentials"), null, ct);
            if (r.NotFound) continue;
            if (!r.Ok) return Fail(step, r);
            var node = JsonNode.Parse(r.Body);
            if (node?["passwordCredentials"] is JsonArray secrets && secrets.Any(k => Is(k?["keyId"], keyId)))
            {
                var body = new JsonObject { ["keyId"] = keyId }.ToJsonString();
                var post = await _graph.SendAsync(Call(incident, step), HttpMethod.Post, _graph.Url(owner + "/removePassword"), body, ct);
                if (!post.Ok && !post.NotFound) return Fail(step, post);
                removed.Add(owner + " (secret)");
            }
            if (await RemoveCertificate(incident, step, owner, keyId, node, ct)) removed.Add(owner + " (certificate)");
        }
        return Done(step, removed.Count == 0 ? "not present on any owner: already removed" : "removed from " + string.Join(", ", removed));
    }

    private async Task<StepResult> DeleteAssignment(string incident, ContainmentStep step, CancellationToken ct)
    {
        var resource = step.Args["resource"];
        var ids = new List<string>();
        if (step.Args.TryGetValue("assignment", out var known)) ids.Add(known);
        else
        {
            var principal = step.Args["principal"];
            step.Args.TryGetValue("appRole", out var role);
            await foreach (var a in PagesAsync(incident, step, _graph.Url($"/servicePrincipals/{resource}/appRoleAssignedTo"), ct))
            {
                if (Is(a["principalId"], principal) && (role is null || Is(a["appRoleId"], role)) && a["id"]?.GetValue<string>() is { } id)
                    ids.Add(id);
            }
        }
        foreach (var id in ids)
        {
            var r = await _graph.SendAsync(Call(incident, step), HttpMethod.Delete, _graph.Url($"/servicePrincipals/{resource}/appRoleAssignedTo/{Uri.EscapeDataString(id)}"), null, ct);
            if (!r.Ok && !r.NotFound) return Fail(step, r);
        }
        return Done(step, ids.Count == 0 ? "no such assignment: already removed" : $"{ids.Count} assignment(s) deleted");
    }

    private async Task<StepResult> DeleteGrants(string incident, ContainmentStep step, CancellationToken ct)
    {
        var url = step.Args.TryGetValue("clientId", out var client)
            ? _graph.Url("/oauth2PermissionGrants?$filter=" + Uri.EscapeDataString($"clientId eq '{client}'"))
            : _graph.Url(step.Args["servicePrincipal"] + "/oauth2PermissionGrants");
        var ids = new List<string>();
        await foreach (var g in PagesAsync(incident, step, url, ct))
            if (g["id"]?.GetValue<string>() is { } id && (client is null || Is(g["clientId"], client))) ids.Add(id);
        foreach (var id in ids)
        {
            var r = await _graph.SendAsync(Call(incident, step), HttpMethod.Delete, _graph.Url("/oauth2PermissionGrants/" + Uri.EscapeDataString(id)), null, ct);
            if (!r.Ok && !r.NotFound) return Fail(step, r);
        }
        return Done(step, ids.Count == 0 ? "no grants left" : $"{ids.Count} grant(s) deleted");
    }

    /// <summary>The items of a collection, following @odata.nextLink while it stays on the Graph host.</summary>
    private async IAsyncEnumerable<JsonNode> PagesAsync(string incident, ContainmentStep step, Uri first, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        Uri? url = first;
        for (var page = 0; url is not null; page++)
        {
            if (page >= 1000) throw new GraphFailure("more than 1,000 pages: stopped");
            var r = await _graph.SendAsync(Call(incident, step), HttpMethod.Get, url, null, ct);
            if (r.NotFound) yield break;
            if (!r.Ok) throw new GraphFailure(r.Describe());
            var node = JsonNode.Parse(r.Body);
            if (node?["value"] is JsonArray items)
                foreach (var item in items) if (item is not null) yield return item;
            url = null;
            if (node?["@odata.nextLink"]?.GetValue<string>() is { } next)
            {
                if (!Uri.TryCreate(next, UriKind.Absolute, out var link) || !_graph.SameOrigin(link))
                    throw new GraphFailure("@odata.nextLink leaves the Graph host; not followed");
                url = link;
            }
        }
    }

    private static bool Is(JsonNode? node, string value) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && s.Equals(value, StringComparison.OrdinalIgnoreCase);

    private static StepResult Done(ContainmentStep step, string? note = null) => new(step, StepStatus.Done, note);

    private static StepResult Fail(ContainmentStep step, GraphResponse r) => new(step, StepStatus.Failed, r.Describe());

    private static GraphCall Call(string incident, ContainmentStep step) => new(incident, step.Key, step.Order);
}
