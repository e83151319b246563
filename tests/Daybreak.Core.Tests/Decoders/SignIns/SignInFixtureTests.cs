using Daybreak.Events;
using Daybreak.Tests.Decoders.Entra;

namespace Daybreak.Tests.Decoders.SignIns;

public sealed class SignInFixtureTests
{
    [Fact]
    public void GraphPage_reads_value_records_and_ignores_next_link()
    {
        var events = Decoded.File(Decoded.Fixture("signin/graph-page.json")).Clean();

        Assert.Equal(2, events.Count);
        var failed = events[0];
        Assert.Equal("signin.graph", failed.Format);
        Assert.Equal(SourceKind.SignIn, failed.Source);
        Assert.Equal("signin:66ea54eb-6301-4ee5-be62-ff5a759b0100", failed.RecordId);
        Assert.Equal(Decoded.Utc("2024-05-01T08:15:30.1234567Z"), failed.Time);
        Assert.Equal(DateTimeKind.Utc, failed.Time.Kind);
        Assert.Equal("Sign-in", failed.Operation);
        Assert.Equal("SignInLogs", failed.Category);
        Assert.Equal(OutcomeStatus.Failure, failed.Outcome.Status);
        Assert.Equal("50126", failed.Outcome.Code);
        Assert.StartsWith("Error validating credentials", failed.Outcome.Reason);
        Assert.Equal(ActorKind.User, failed.Actor.Kind);
        Assert.Equal("meganb@contoso.com", failed.Actor.Upn);
        Assert.Equal("26be570a-ae82-4189-b4e2-a37c6808512d", failed.Actor.ObjectId);
        Assert.Equal("de8bc8b5-d9f9-48b1-a8ad-b748da725064", failed.Actor.AppId);
        Assert.Equal("Megan Bowen", failed.Actor.DisplayName);
        Assert.Equal("203.0.113.7", failed.Network.Ip);
        Assert.Equal("NL", failed.Network.Country);
        Assert.Equal("Amsterdam", failed.Network.City);
        Assert.Equal("Browser", failed.Network.ClientApp);
        Assert.Equal("Mozilla/5.0 (Windows NT 10.0; Win64; x64)", failed.Network.UserAgent);
        Assert.Equal("interactiveUser", failed.Auth.SignInType);
        Assert.True(failed.Auth.IsInteractive);
        Assert.Equal("d79f5bee-5860-4832-928f-3133e22ae912", failed.Auth.CorrelationId);
        Assert.Equal("66ea54eb-6301-4ee5-be62-ff5a759b0100", failed.Auth.SignInActivityId);
        var resource = Assert.Single(failed.Targets);
        Assert.Equal(("00000003-0000-0000-c000-000000000000", "Microsoft Graph"), (resource.Id, resource.Name));

        var ok = events[1];
        Assert.Equal(OutcomeStatus.Success, ok.Outcome.Status);
        Assert.Equal("0", ok.Outcome.Code);
        Assert.Null(ok.Outcome.Reason);
        Assert.Equal("multiFactorAuthentication", ok.Auth.Requirement);
        Assert.Equal("success", ok.Auth.ConditionalAccessStatus);
    }

    [Fact]
    public void GraphBetaArray_reads_service_principal_and_managed_identity_sign_ins()
    {
        var events = Decoded.File(Decoded.Fixture("signin/graph-array-beta.json")).Clean();

        Assert.Equal(2, events.Count);
        var sp = events[0];
        Assert.Equal(ActorKind.ServicePrincipal, sp.Actor.Kind);
        Assert.Equal("ServicePrincipalSignInLogs", sp.Category);
        Assert.Equal("servicePrincipal", sp.Auth.SignInType);
        Assert.Equal("0d2f5969-011b-460d-ac74-3291d227d49f", sp.Actor.ObjectId);
        Assert.Equal("11b49e19-2326-4be6-93cb-7f37439bbd81", sp.Actor.AppId);
        Assert.Equal("SimuLandApp", sp.Actor.DisplayName);
        Assert.Null(sp.Actor.Upn);
        Assert.Equal("59eaeebc-8a6b-44a6-9f24-7d55e64420c9", sp.Auth.CredentialKeyId);
        Assert.Equal("ZTBkNzQ3YjItYzNmYS00MGQ1LWI0MjctZTdmYzE0ZmQ0MDAw", sp.Auth.UniqueTokenId);
        Assert.Equal("IE", sp.Network.Country);

        var mi = events[1];
        Assert.Equal(ActorKind.ManagedIdentity, mi.Actor.Kind);
        Assert.Equal("ManagedIdentitySignInLogs", mi.Category);
        Assert.Equal("managedIdentity", mi.Auth.SignInType);
        Assert.Equal("7e1c4d2a-1111-4222-8333-000000000004", mi.Actor.ObjectId);
        Assert.Null(mi.Network.Ip);
    }

    [Fact]
    public void GraphSingleObject_reads_non_interactive_sign_in_with_offset_time()
    {
        var evt = Assert.Single(Decoded.File(Decoded.Fixture("signin/graph-single.json")).Clean());

        Assert.Equal(Decoded.Utc("2024-05-03T20:00:00.5Z"), evt.Time);
        Assert.Equal("NonInteractiveUserSignInLogs", evt.Category);
        Assert.Equal("nonInteractiveUser", evt.Auth.SignInType);
        Assert.False(evt.Auth.IsInteractive);
        Assert.Equal(64500, evt.Network.Asn);
        Assert.Equal("3f5b7c9d-1e2f-4a6b-8c0d-000000000006", evt.Auth.SessionId);
        Assert.Equal("aGVsbG8td29ybGQtdG9rZW4tMDAwMDA2", evt.Auth.UniqueTokenId);
        Assert.Equal("singleFactorAuthentication", evt.Auth.Requirement);
        Assert.Equal("none", evt.Auth.Protocol);
        Assert.Equal("AzureAD", evt.Auth.TokenIssuerType);
        Assert.Equal("2ad3fc79-1859-42fa-9011-6f8df2251b22", evt.TenantId);
    }

    [Fact]
    public void GzippedNdjson_decodes_each_line()
    {
        var events = Decoded.File(Decoded.Fixture("signin/graph.ndjson.gz")).Clean();

        Assert.Equal(["signin:ndjson-0001", "signin:ndjson-0002"], events.Select(e => e.RecordId));
        Assert.Equal([1L, 2L], events.Select(e => e.Position.Line));
        Assert.Equal([OutcomeStatus.Failure, OutcomeStatus.Success], events.Select(e => e.Outcome.Status));
    }

    [Fact]
    public void DiagnosticRecords_unwrap_properties_and_use_the_envelope_tenant()
    {
        var events = Decoded.File(Decoded.Fixture("signin/diagnostic-records.json")).Clean();

        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal("signin.diagnostic", e.Format));
        Assert.All(events, e => Assert.Equal("2ad3fc79-1859-42fa-9011-6f8df2251b22", e.TenantId));
        Assert.Equal("50126", events[0].Outcome.Code);
        Assert.Equal("meganb@contoso.com", events[0].Actor.Upn);
        Assert.Equal("ServicePrincipalSignInLogs", events[1].Category);
        Assert.Equal(ActorKind.ServicePrincipal, events[1].Actor.Kind);
        Assert.Equal("servicePrincipal", events[1].Auth.SignInType);
        Assert.Equal("59eaeebc-8a6b-44a6-9f24-7d55e64420c9", events[1].Auth.CredentialKeyId);
    }

    [Fact]
    public void LogAnalyticsJson_reads_pascal_case_columns_and_json_in_strings()
    {
        var events = Decoded.File(Decoded.Fixture("signin/loganalytics.json")).Clean();

        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal("signin.loganalytics", e.Format));
        // TenantId is the workspace in Log Analytics; the directory is AADTenantId.
        Assert.All(events, e => Assert.Equal("2ad3fc79-1859-42fa-9011-6f8df2251b22", e.TenantId));
        Assert.Equal(["SignInLogs", "NonInteractiveUserSignInLogs", "ServicePrincipalSignInLogs"], events.Select(e => e.Category));
        Assert.Equal([ActorKind.User, ActorKind.User, ActorKind.ServicePrincipal], events.Select(e => e.Actor.Kind));

        var failed = events[0];
        Assert.Equal("50126", failed.Outcome.Code);
        Assert.Equal("NL", failed.Network.Country);
        Assert.Equal("Amsterdam", failed.Network.City);
        Assert.Equal("203.0.113.7", failed.Network.Ip);
        Assert.Equal("singleFactorAuthentication", failed.Auth.Requirement);
        var resource = Assert.Single(failed.Targets);
        Assert.Equal("00000003-0000-0000-c000-000000000000", resource.Id);

        Assert.Equal(64500, events[1].Network.Asn);
        Assert.Equal("3f5b7c9d-1e2f-4a6b-8c0d-000000000006", events[1].Auth.SessionId);
        Assert.Equal("59eaeebc-8a6b-44a6-9f24-7d55e64420c9", events[2].Auth.CredentialKeyId);
        Assert.Equal("0d2f5969-011b-460d-ac74-3291d227d49f", events[2].Actor.ObjectId);
    }

    [Fact]
    public void LogAnalyticsPortalCsv_reads_locale_dates_and_dynamic_column_pairs()
    {
        var events = Decoded.File(Decoded.Fixture("signin/loganalytics-portal.csv")).Clean();

        Assert.Equal(2, events.Count);
        var locked = events[0];
        Assert.Equal("signin.loganalytics", locked.Format);
        Assert.Equal(Decoded.Utc("2024-05-01T08:15:30.123Z"), locked.Time);
        Assert.Equal("50053", locked.Outcome.Code);
        Assert.Equal("Account is locked", locked.Outcome.Reason);
        Assert.Equal("NL", locked.Network.Country);
        Assert.Equal("Mozilla/5.0 (Windows NT 10.0; Win64; x64), \"quoted\"", locked.Network.UserAgent);
        Assert.True(locked.Auth.IsInteractive);
        Assert.Equal(2L, locked.Position.Line);

        var ok = events[1];
        Assert.Equal(Decoded.Utc("2024-05-01T20:59:59.5Z"), ok.Time);
        Assert.Equal(OutcomeStatus.Success, ok.Outcome.Status);
        Assert.Equal("US", ok.Network.Country); // from the _string twin, the _dynamic cell being empty
        Assert.Equal("Redmond", ok.Network.City);
    }
}
