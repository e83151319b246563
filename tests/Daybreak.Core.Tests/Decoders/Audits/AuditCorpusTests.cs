using Daybreak.Events;
using Daybreak.Tests.Decoders.Entra;

namespace Daybreak.Tests.Decoders.Audits;

public sealed class AuditCorpusTests
{
    [SkippableFact]
    public void Diagnostic_audit_records_yield_app_user_and_nameless_user_initiators()
    {
        var events = Decoded.File(Corpus.RequireCorpus("elastic-integrations/packages/azure/data_stream/auditlogs/_dev/test/pipeline/test-auditlogs-raw.log")).Clean();

        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal("audit.diagnostic", e.Format));
        Assert.All(events, e => Assert.Equal("Update device", e.Operation));
        Assert.All(events, e => Assert.Equal("Device", e.Category));
        Assert.All(events, e => Assert.Equal(new DateTime(2019, 10, 18, 15, 30, 51, DateTimeKind.Utc).AddTicks(273716), e.Time));

        var app = events[0].Actor;
        Assert.Equal(ActorKind.ServicePrincipal, app.Kind);
        Assert.Equal("id", app.AppId);
        Assert.Equal("8a4de8b5-095c-47d0-a96f-a75130c61d53", app.ObjectId);
        Assert.Equal("Device Registration Service", app.DisplayName);

        var user = events[1].Actor;
        Assert.Equal(ActorKind.User, user.Kind);
        Assert.Equal("username", user.Upn);
        Assert.Equal("User Registration Service", user.DisplayName);
        Assert.Equal("0.0.0.0", events[1].Network.Ip);

        var nameless = events[2].Actor;
        Assert.Equal(ActorKind.User, nameless.Kind);
        Assert.Equal("username", nameless.Upn);
        Assert.Null(nameless.DisplayName);

        var target = Assert.Single(events[2].Targets);
        Assert.Equal(("Device", "LAPTOP-12"), (target.Kind, target.Name));
        Assert.Equal(new Daybreak.Events.ModifiedProperty("", null, "\"\""), Assert.Single(target.ModifiedProperties));
    }

    [SkippableFact]
    public void Otrf_log_analytics_rows_including_kql_projections_yield_the_added_key()
    {
        var events = Decoded.File(Corpus.RequireCorpus("otrf-security-datasets/datasets/compound/GoldenSAMLADFSMailAccess/AADAuditEvents.json")).Clean();

        Assert.Equal(4, events.Count);
        Assert.All(events, e => Assert.Equal("audit.loganalytics", e.Format));
        Assert.All(events, e => Assert.Equal("pgustavo@simulandlabs.com", e.Actor.Upn));
        Assert.All(events, e => Assert.Equal("00000000-0000-0000-0000-000000000000", e.TenantId));
        Assert.Equal(
            ["Update application – Certificates and secrets management", "Update application – Certificates and secrets management",
             "Update application", "Add delegated permission grant"],
            events.Select(e => e.Operation));
        Assert.Equal("59eaeebc-8a6b-44a6-9f24-7d55e64420c9", events[0].Auth.CredentialKeyId);
        Assert.Null(events[2].Auth.CredentialKeyId);
        Assert.Equal(new DateTime(2021, 8, 2, 13, 27, 20, 17, DateTimeKind.Utc), events[3].Time);
        Assert.Equal(["Microsoft Graph", null], events[3].Targets.Select(t => t.Name));
        Assert.Equal("\"User.Read Mail.ReadWrite\"", events[3].Targets[0].ModifiedProperties[0].NewValue);
        // These rows' AdditionalDetails hold only User-Agent: no target gets an app id it was not given.
        Assert.All(events.SelectMany(e => e.Targets), t => Assert.Null(t.AppId));
    }
}
