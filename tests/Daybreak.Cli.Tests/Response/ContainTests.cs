using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Daybreak.Storage;
using static Daybreak.Tests.Response.MidnightCase;

namespace Daybreak.Tests.Response;

/// <summary>
/// <c>daybreak contain</c>: the plan for a Midnight-Blizzard-shaped incident, and its execution against a local
/// server that follows Graph's documented contract (Graph itself is unreachable from the tests; see LocalGraphServer).
/// </summary>
public sealed class ContainTests
{
    [Fact]
    public void Dry_run_lists_the_steps_in_order_and_sends_nothing()
    {
        using var dir = new TempDir();
        var db = Create(dir);
        var r = Cli.Run("contain", "inc-7f3", "--db", db, "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        var plan = JsonNode.Parse(r.Out)!;
        var steps = plan["steps"]!.AsArray().Select(s => (s!["action"]!.GetValue<string>(), s["method"]!.GetValue<string>(), s["path"]!.GetValue<string>())).ToList();
        Assert.Equal(
        [
            ("disable-user", "PATCH", $"/users/{LegacyUser}"),
            ("revoke-sessions", "POST", $"/users/{LegacyUser}/revokeSignInSessions"),
            ("disable-service-principal", "PATCH", $"/servicePrincipals/{LegacySp}"),
            ("disable-service-principal", "PATCH", $"/servicePrincipals/{NewSp}"),
            ("remove-password", "POST", $"/applications/{LegacyAppObject}/removePassword"),
            ("remove-key", "PATCH", $"/servicePrincipals/{NewSp}"),
            ("delete-app-role-assignment", "DELETE", $"/servicePrincipals/{ExchangeSp}/appRoleAssignedTo/{{assignmentId}}"),
            ("delete-permission-grants", "DELETE", "/oauth2PermissionGrants/{grantId}"),
            ("delete-permission-grants", "DELETE", "/oauth2PermissionGrants/{grantId}"),
        ], steps);
        Assert.Equal($$"""{"accountEnabled":false}""", plan["steps"]![0]!["body"]!.GetValue<string>());
        Assert.Equal($$"""{"keyId":"{{LegacySecret}}"}""", plan["steps"]![4]!["body"]!.GetValue<string>());
        Assert.Equal($"/oauth2PermissionGrants?$filter=clientId eq '{NewSp}'", plan["steps"]![8]!["lookup"]!.GetValue<string>());
        Assert.All(plan["steps"]!.AsArray(), s => Assert.False(string.IsNullOrWhiteSpace(s!["why"]!.GetValue<string>())));

        // The sprayed-only user and Microsoft's Exchange Online are left alone, and the plan says so.
        Assert.DoesNotContain(plan["steps"]!.AsArray(), s => s!["path"]!.GetValue<string>().Contains("3b1e6f0a-1111-4c1d-9a6b-0000000000ff", StringComparison.Ordinal));
        var notes = plan["notes"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains(notes, n => n.Contains("targets of the spray", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains(ExchangeApp, StringComparison.Ordinal) && n.Contains("first-party", StringComparison.Ordinal));
        Assert.DoesNotContain(steps, s => s.Item3.Contains(ExchangeApp, StringComparison.Ordinal));

        // Exchange Online: an Application Access Policy per attacker app, PowerShell-quoted.
        var exchange = plan["exchange"]!.AsArray().Select(x => x!["powershell"]!.GetValue<string>()).ToList();
        Assert.Contains($"New-ApplicationAccessPolicy -AppId '{NewApp}' -PolicyScopeGroupId 'Daybreak-Containment-NoMailboxes' -AccessRight RestrictAccess -Description 'Daybreak containment {IncidentId}'", exchange);
        Assert.Contains(exchange, x => x.StartsWith("New-ApplicationAccessPolicy -AppId '" + LegacyApp, StringComparison.Ordinal));

        // The table view: same steps, display names from the logs never replayed as markup or control characters.
        var table = Cli.Run("contain", IncidentId, "--db", db);
        Assert.True(table.ExitCode == 0, table.Error);
        Assert.Contains("dry run", table.Out, StringComparison.Ordinal);
        Assert.Contains("revokeSignInSessions", table.Out, StringComparison.Ordinal);
        Assert.Contains("New-ApplicationAccessPolicy", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_retries_after_429_counts_404_as_done_pages_for_the_assignment_and_a_rerun_sends_nothing()
    {
        using var dir = new TempDir();
        var db = Create(dir);
        using var graph = new LocalGraphServer();
        Seed(graph);
        graph.ThrottleOnce.Add($"PATCH /users/{LegacyUser}");

        var clock = Stopwatch.StartNew();
        var r = Cli.Run("contain", IncidentId, "--db", db, "--execute", "--graph-url", graph.BaseUrl, "--token", LocalGraphServer.Token, "--json");
        clock.Stop();
        Assert.True(r.ExitCode == 0, r.Out + r.Error);
        var statuses = JsonNode.Parse(r.Out)!["steps"]!.AsArray().Select(s => s!["status"]!.GetValue<string>()).ToList();
        Assert.Equal(9, statuses.Count);
        Assert.All(statuses, s => Assert.Equal("done", s));

        var got = graph.Snapshot().Select(q => q.ToString()).ToList();
        // 429 with Retry-After: 1, then the same request again, after the wait.
        Assert.Equal(2, got.Count(g => g == $"PATCH /users/{LegacyUser}"));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"Retry-After not honoured: {clock.Elapsed}");
        Assert.False(graph.Users[LegacyUser]["accountEnabled"]!.GetValue<bool>());
        Assert.Equal(1, graph.Users[LegacyUser]["revoked"]!.GetValue<int>());
        Assert.False(graph.ServicePrincipals[LegacySp]["accountEnabled"]!.GetValue<bool>());
        Assert.False(graph.ServicePrincipals[NewSp]["accountEnabled"]!.GetValue<bool>());
        // The legacy secret was already gone: removePassword answered 404, which counts as done.
        Assert.Contains($"POST /applications/{LegacyAppObject}/removePassword", got);
        // The certificate is dropped from keyCredentials; the other key stays.
        var keys = graph.ServicePrincipals[NewSp]["keyCredentials"]!.AsArray().Select(k => k!["keyId"]!.GetValue<string>()).ToList();
        Assert.Equal(["c3c3c3c3-0000-4c1d-9a6b-00000000000b"], keys);
        // Three pages of appRoleAssignedTo, through @odata.nextLink, to find the assignment; only it is deleted.
        Assert.Equal(3, got.Count(g => g.StartsWith($"GET /servicePrincipals/{ExchangeSp}/appRoleAssignedTo", StringComparison.Ordinal)));
        Assert.Contains($"DELETE /servicePrincipals/{ExchangeSp}/appRoleAssignedTo/assignment-attacker", got);
        Assert.Equal(4, graph.AppRoleAssignedTo[ExchangeSp].Count);
        // Permission grants found by $filter=clientId eq '...'; only the attacker app's grant is deleted.
        Assert.Contains($"GET /oauth2PermissionGrants?$filter=clientId eq '{NewSp}'", got);
        Assert.Equal(["grant-other"], graph.Grants.Select(g => g["id"]!.GetValue<string>()));
        Assert.All(graph.Snapshot(), q => Assert.Equal("Bearer " + LocalGraphServer.Token, q.Authorization));

        // Every request is in the ledger, in order, with its status.
        using (var store = CaseStore.OpenReadOnly(db))
        {
            var ledger = new ActionLedger(store).Read(IncidentId);
            var requests = ledger.Where(a => a.Kind == "request").ToList();
            Assert.Equal(graph.Snapshot().Count, requests.Count);
            Assert.Equal((429, "retry"), (requests[0].Status!.Value, requests[0].Outcome));
            Assert.Equal((204, "ok"), (requests[1].Status!.Value, requests[1].Outcome));
            Assert.Contains(requests, a => a.Status == 404 && a.Outcome == "gone" && a.Url!.EndsWith("/removePassword", StringComparison.Ordinal));
            Assert.All(requests, a => Assert.StartsWith(graph.BaseUrl, a.Url, StringComparison.Ordinal));
            Assert.Equal(9, ledger.Count(a => a.Kind == "step" && a.Outcome == "done"));
        }

        // A rerun sends nothing new.
        var before = graph.Snapshot().Count;
        var again = Cli.Run("contain", IncidentId, "--db", db, "--execute", "--graph-url", graph.BaseUrl, "--token", LocalGraphServer.Token);
        Assert.True(again.ExitCode == 0, again.Out + again.Error);
        Assert.Equal(before, graph.Snapshot().Count);
        Assert.Contains("9 already done", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_first_party_service_principal_is_never_disabled_even_when_the_plan_names_it()
    {
        using var dir = new TempDir();
        var db = Create(dir);
        using var graph = new LocalGraphServer();
        Seed(graph);
        // The tenant says the "new app" is Microsoft's own (appOwnerOrganizationId): the executor leaves it enabled.
        graph.ServicePrincipals[NewSp]["appOwnerOrganizationId"] = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";
        var r = Cli.Run("contain", IncidentId, "--db", db, "--execute", "--graph-url", graph.BaseUrl, "--token", LocalGraphServer.Token, "--json");
        Assert.True(r.ExitCode == 0, r.Out + r.Error);
        Assert.True(graph.ServicePrincipals[NewSp]["accountEnabled"]!.GetValue<bool>());
        Assert.DoesNotContain(graph.Snapshot(), q => q.Method == "PATCH" && q.Path == $"/servicePrincipals/{NewSp}" && q.Body!.Contains("accountEnabled", StringComparison.Ordinal));
        var step = JsonNode.Parse(r.Out)!["steps"]!.AsArray().First(s => s!["path"]!.GetValue<string>() == $"/servicePrincipals/{NewSp}" && s["action"]!.GetValue<string>() == "disable-service-principal");
        Assert.Equal("skipped", step!["status"]!.GetValue<string>());
    }

    [Fact]
    public void A_failing_step_is_recorded_and_the_others_still_run()
    {
        using var dir = new TempDir();
        var db = Create(dir);
        using var graph = new LocalGraphServer();
        Seed(graph);
        var r = Cli.Run("contain", IncidentId, "--db", db, "--execute", "--graph-url", graph.BaseUrl, "--token", "wrong-token", "--max-retries", "0");
        Assert.Equal(4, r.ExitCode);
        Assert.Contains("9 failed", r.Out, StringComparison.Ordinal);
        using var store = CaseStore.OpenReadOnly(db);
        Assert.Equal(9, new ActionLedger(store).Read(IncidentId).Count(a => a.Kind == "step" && a.Outcome == "failed"));
    }

    [Fact]
    public void A_token_is_never_sent_over_plain_http_to_a_remote_host()
    {
        using var dir = new TempDir();
        var db = Create(dir);
        var r = Cli.Run("contain", IncidentId, "--db", db, "--execute", "--graph-url", "http://graph.example.com/v1.0", "--token", "t");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("https", r.Error, StringComparison.Ordinal);
    }

    internal static void Seed(LocalGraphServer graph)
    {
        graph.Users[LegacyUser] = new JsonObject { ["id"] = LegacyUser, ["userPrincipalName"] = LegacyUpn, ["accountEnabled"] = true };
        graph.ServicePrincipals[LegacySp] = Sp(LegacySp, LegacyApp, "Legacy Test App");
        graph.ServicePrincipals[NewSp] = Sp(NewSp, NewApp, NewAppName);
        graph.ServicePrincipals[NewSp]["keyCredentials"] = new JsonArray(Key(NewCert), Key("c3c3c3c3-0000-4c1d-9a6b-00000000000b"));
        graph.ServicePrincipals[ExchangeSp] = Sp(ExchangeSp, ExchangeApp, "Office 365 Exchange Online");
        graph.ServicePrincipals[ExchangeSp]["appOwnerOrganizationId"] = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";
        graph.Applications[LegacyAppObject] = new JsonObject
        {
            ["id"] = LegacyAppObject, ["appId"] = LegacyApp, ["keyCredentials"] = new JsonArray(),
            ["passwordCredentials"] = new JsonArray(new JsonObject { ["keyId"] = "d0d0d0d0-0000-4c1d-9a6b-00000000000c", ["displayName"] = "business secret" }),
        };
        var assignments = new List<JsonObject>();
        for (var i = 0; i < 4; i++) assignments.Add(Assignment($"assignment-{i}", Guid.NewGuid().ToString(), FullAccessAsApp));
        assignments.Insert(4, Assignment("assignment-attacker", NewSp, FullAccessAsApp));
        graph.AppRoleAssignedTo[ExchangeSp] = assignments;
        graph.Grants.Add(new JsonObject { ["id"] = "grant-attacker", ["clientId"] = NewSp, ["consentType"] = "AllPrincipals", ["resourceId"] = "9f9f9f9f-0000-0000-0000-000000000000", ["scope"] = " Mail.Read User.Read" });
        graph.Grants.Add(new JsonObject { ["id"] = "grant-other", ["clientId"] = "8e8e8e8e-0000-0000-0000-000000000000", ["consentType"] = "Principal", ["resourceId"] = "9f9f9f9f-0000-0000-0000-000000000000", ["scope"] = " User.Read" });
    }

    private static JsonObject Sp(string id, string appId, string name) => new()
    {
        ["id"] = id, ["appId"] = appId, ["displayName"] = name, ["accountEnabled"] = true,
        ["appOwnerOrganizationId"] = "11111111-0000-0000-0000-000000000000", ["keyCredentials"] = new JsonArray(), ["passwordCredentials"] = new JsonArray(),
    };

    private static JsonObject Key(string keyId) => new()
    {
        ["customKeyIdentifier"] = null, ["displayName"] = "CN=" + keyId[..8], ["endDateTime"] = "2025-11-30T02:00:00Z", ["key"] = null,
        ["keyId"] = keyId, ["startDateTime"] = "2023-11-30T02:00:00Z", ["type"] = "AsymmetricX509Cert", ["usage"] = "Verify",
    };

    private static JsonObject Assignment(string id, string principal, string role) => new()
    {
        ["id"] = id, ["appRoleId"] = role, ["createdDateTime"] = "2023-11-30T09:00:00Z", ["principalDisplayName"] = "app",
        ["principalId"] = principal, ["principalType"] = "ServicePrincipal", ["resourceDisplayName"] = "Office 365 Exchange Online", ["resourceId"] = ExchangeSp,
    };
}
