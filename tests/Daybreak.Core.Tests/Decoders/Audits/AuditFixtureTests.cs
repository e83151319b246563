using Daybreak.Events;
using Daybreak.Tests.Decoders.Entra;

namespace Daybreak.Tests.Decoders.Audits;

public sealed class AuditFixtureTests
{
    private const string AddedKeyId = "59eaeebc-8a6b-44a6-9f24-7d55e64420c9";

    [Theory]
    [InlineData("audit/graph-page.json", "audit.graph")]
    [InlineData("audit/diagnostic-records.json", "audit.diagnostic")]
    [InlineData("audit/loganalytics.ndjson", "audit.loganalytics")]
    public void Every_variant_reads_the_credential_addition_alike(string fixture, string format)
    {
        var events = Decoded.File(Decoded.Fixture(fixture)).Clean();

        var add = events[0];
        Assert.Equal(format, add.Format);
        Assert.Equal(SourceKind.Audit, add.Source);
        Assert.Equal("audit:directory_1a2b3c4d-0000-4000-8000-000000000001_abcde_1234567", add.RecordId);
        Assert.Equal(Decoded.Utc("2024-05-02T02:55:10.4512345Z"), add.Time);
        Assert.Equal("Add service principal credentials", add.Operation);
        Assert.Equal("ApplicationManagement", add.Category);
        Assert.Equal(OutcomeStatus.Success, add.Outcome.Status);
        Assert.Equal(ActorKind.User, add.Actor.Kind);
        Assert.Equal("pgustavo@contoso.com", add.Actor.Upn);
        Assert.Equal("aead923d-498b-4f64-a66c-2af91447a8b6", add.Actor.ObjectId);
        Assert.Null(add.Actor.DisplayName);
        Assert.Equal("203.0.113.99", add.Network.Ip);
        Assert.Equal("Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.17763.1971", add.Network.UserAgent);
        Assert.Equal("1a2b3c4d-0000-4000-8000-000000000001", add.Auth.CorrelationId);
        // The new KeyDescription lists the old key and the added one; only the added one is the credential key id.
        Assert.Equal(AddedKeyId, add.Auth.CredentialKeyId);
        var target = Assert.Single(add.Targets);
        Assert.Equal(("ServicePrincipal", "0d2f5969-011b-460d-ac74-3291d227d49f", "SimuLandApp"), (target.Kind, target.Id, target.Name));
        // additionalDetails' AppId (a JSON string in Log Analytics) is the service principal's app id.
        Assert.Equal("11b49e19-2326-4be6-93cb-7f37439bbd81", target.AppId);
        Assert.Equal(["KeyDescription", "Included Updated Properties"], target.ModifiedProperties.Select(m => m.Name));
        Assert.Null(target.ModifiedProperties[1].OldValue);
        Assert.Equal("\"KeyDescription\"", target.ModifiedProperties[1].NewValue);

        var role = events[1];
        Assert.Equal(OutcomeStatus.Failure, role.Outcome.Status);
        Assert.Equal("failure", role.Outcome.Code);
        Assert.Equal("Insufficient privileges to complete the operation.", role.Outcome.Reason);
        Assert.Equal(ActorKind.ServicePrincipal, role.Actor.Kind);
        Assert.Equal("11b49e19-2326-4be6-93cb-7f37439bbd81", role.Actor.AppId);
        Assert.Equal("0d2f5969-011b-460d-ac74-3291d227d49f", role.Actor.ObjectId);
        Assert.Equal("SimuLandApp", role.Actor.DisplayName);
        Assert.Null(role.Network.Ip);
        Assert.Null(role.Auth.CredentialKeyId);
        Assert.Equal(["MeganB@contoso.com", "Global Administrator"], role.Targets.Select(t => t.Name));
        Assert.All(role.Targets, t => Assert.Null(t.AppId));
        Assert.Equal("\"Global Administrator\"", role.Targets[0].ModifiedProperties[0].NewValue);
    }

    [Fact]
    public void Empty_initiatedBy_is_the_directory_itself()
    {
        var evt = Assert.Single(Decoded.File(Decoded.Fixture("audit/graph-single.json")).Clean());

        Assert.Equal("audit.graph", evt.Format);
        Assert.Equal(ActorKind.System, evt.Actor.Kind);
        Assert.Equal("Update user", evt.Operation);
    }

    [Fact]
    public void LogAnalytics_rows_take_the_directory_tenant_not_the_workspace()
    {
        var events = Decoded.File(Decoded.Fixture("audit/loganalytics.ndjson")).Clean();

        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal("2ad3fc79-1859-42fa-9011-6f8df2251b22", e.TenantId));
        Assert.Equal(ActorKind.System, events[2].Actor.Kind);
    }

    [Fact]
    public void Portal_csv_reads_locale_dates_and_pretty_printed_json_cells()
    {
        var evt = Assert.Single(Decoded.File(Decoded.Fixture("audit/loganalytics-portal.csv")).Clean());

        Assert.Equal("audit.loganalytics", evt.Format);
        Assert.Equal(Decoded.Utc("2024-05-02T02:55:10.451Z"), evt.Time);
        Assert.Equal("pgustavo@contoso.com", evt.Actor.Upn);
        Assert.Equal(AddedKeyId, evt.Auth.CredentialKeyId);
        Assert.Equal("Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.17763.1971", evt.Network.UserAgent);
        Assert.Equal(2, Assert.Single(evt.Targets).ModifiedProperties.Count);
        Assert.Equal("11b49e19-2326-4be6-93cb-7f37439bbd81", evt.Targets[0].AppId);
    }
}
