using Daybreak.Correlation;
using Daybreak.Events;
using Daybreak.Reporting;
using Daybreak.Scoping;

namespace Daybreak.Tests.Scoping;

public sealed class ResourceReachScoperTests
{
    private static readonly DateTime T0 = new(2024, 1, 10, 0, 0, 0, DateTimeKind.Utc);
    private const string Attacker = "e8f1b2c3-4d5a-4e6f-8a7b-9c0d1e2f3a4b";

    private static AuditEvent Graph(int minute, string appId, string operation) => new()
    {
        RecordId = $"graphactivity:{minute}-{appId}", Format = "t", Raw = "{}", Time = T0.AddMinutes(minute),
        Source = SourceKind.GraphActivity, Operation = operation, Actor = { AppId = appId, Kind = ActorKind.App },
    };

    private static AuditEvent File(int minute, string appId, string operation, string url)
    {
        var evt = new AuditEvent
        {
            RecordId = $"ual:{minute}-{url}", Format = "t", Raw = "{}", Time = T0.AddMinutes(minute), Source = SourceKind.Ual,
            Category = "SharePoint", Operation = operation, Actor = { AppId = appId, Kind = ActorKind.App },
        };
        evt.Targets.Add(new Target { Kind = "File", Name = url });
        return evt;
    }

    [Fact]
    public void Files_and_graph_requests_of_the_incident_apps_are_its_reach_and_survive_the_case_round_trip()
    {
        var scoper = new CompositeScoper(new ResourceReachScoper());
        scoper.Observe(Graph(1, Attacker, "GET /v1.0/users"));
        scoper.Observe(Graph(2, Attacker, "GET /v1.0/users"));
        scoper.Observe(Graph(3, Attacker, "GET /v1.0/servicePrincipals"));
        scoper.Observe(Graph(4, "00000003-0000-0000-c000-000000000000", "GET /v1.0/me"));              // first-party: not followed
        scoper.Observe(Graph(5, "11111111-2222-3333-4444-555555555555", "GET /v1.0/groups"));          // another app, not in the incident
        scoper.Observe(File(6, Attacker, "FileDownloaded", "https://contoso.sharepoint.com/sites/legal/Shared Documents/merger.docx"));
        scoper.Observe(File(7, Attacker, "FileModified", "https://contoso.sharepoint.com/x.docx").Also(e => e.Operation = "ListCreated")); // not a file read

        var incident = new Incident { Id = "inc-1", Title = "t", FirstSeen = T0, LastSeen = T0.AddDays(1), DetectedAt = T0 };
        incident.Entities.Apps.Add(Attacker);
        var reach = scoper.Scope(incident).Resources;
        Assert.Equal([("file", "https://contoso.sharepoint.com/sites/legal/Shared Documents/merger.docx", 1L), ("graph", "GET /v1.0/servicePrincipals", 1L), ("graph", "GET /v1.0/users", 2L)],
            reach.Select(r => (r.Kind, r.Resource, r.Count)));
        Assert.Equal((T0.AddMinutes(1), T0.AddMinutes(2)), (reach[2].FirstAccess, reach[2].LastAccess));

        incident.BlastRadius = scoper.Scope(incident);
        var back = FindingsJson.ReadIncident(FindingsJson.Write(incident), new Dictionary<string, Daybreak.Detection.Alert>());
        Assert.Equal(reach, back.BlastRadius.Resources);
    }

    [Fact]
    public void A_request_logged_with_app_and_principal_counts_once_and_file_operations_stay_apart()
    {
        const string principal = "9531985d-5d9d-49f8-9818-e811892f902b";
        var scoper = new ResourceReachScoper();
        var byPrincipal = Graph(1, Attacker, "GET /v1.0/users").Also(e => { e.Actor.Kind = ActorKind.ServicePrincipal; e.Actor.ObjectId = principal; });
        scoper.Observe(byPrincipal);
        scoper.Observe(File(2, Attacker, "FileAccessed", "https://contoso.sharepoint.com/sites/legal/a.docx"));
        scoper.Observe(File(3, Attacker, "FileDownloaded", "https://contoso.sharepoint.com/sites/legal/a.docx"));

        var both = new Incident { Id = "inc-1", Title = "t", FirstSeen = T0, LastSeen = T0.AddDays(1), DetectedAt = T0 };
        both.Entities.Apps.Add(Attacker);
        both.Entities.ServicePrincipals.Add(principal);
        Assert.Equal([("file", "FileAccessed", 1L), ("file", "FileDownloaded", 1L), ("graph", "GET /v1.0/users", 1L)],
            scoper.Scope(both).Resources.Select(r => (r.Kind, r.Operation, r.Count)));
        Assert.All(scoper.Scope(both).Resources, r => Assert.Equal(Attacker, r.Actor));

        var principalOnly = new Incident { Id = "inc-2", Title = "t", FirstSeen = T0, LastSeen = T0.AddDays(1), DetectedAt = T0 };
        principalOnly.Entities.ServicePrincipals.Add(principal);
        Assert.Equal(3, scoper.Scope(principalOnly).Resources.Count);
    }

    [Fact]
    public void Distinct_resources_per_actor_are_capped()
    {
        var scoper = new ResourceReachScoper(maxResourcesPerActor: 3);
        for (var i = 0; i < 10; i++) scoper.Observe(Graph(i, Attacker, $"GET /v1.0/users/{i}"));
        var incident = new Incident { Id = "inc-1", Title = "t", FirstSeen = T0, LastSeen = T0.AddDays(1), DetectedAt = T0 };
        incident.Entities.Apps.Add(Attacker);
        Assert.Equal(3, scoper.Scope(incident).Resources.Count);
        Assert.Equal(7, scoper.Dropped);
    }
}

internal static class AlsoExtension
{
    public static T Also<T>(this T value, Action<T> change)
    {
        change(value);
        return value;
    }
}
