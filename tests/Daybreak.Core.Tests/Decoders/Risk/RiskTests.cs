using Daybreak.Events;
using Daybreak.Tests.Decoders.Entra;

namespace Daybreak.Tests.Decoders.Risk;

public sealed class RiskTests
{
    [SkippableFact]
    public void RiskyUsers_take_their_time_from_the_us_locale_envelope()
    {
        var events = Decoded.File(Corpus.RequireCorpus("elastic-integrations/packages/azure/data_stream/identity_protection/_dev/test/pipeline/test-rickyusers-raw.log")).Clean();

        Assert.Equal(2, events.Count);
        var first = events[0];
        Assert.Equal("risk.diagnostic", first.Format);
        Assert.Equal(SourceKind.Risk, first.Source);
        Assert.Equal("RiskyUsers", first.Category);
        Assert.Equal(new DateTime(2022, 8, 22, 18, 11, 52, DateTimeKind.Utc), first.Time);
        Assert.Equal(new DateTime(2022, 9, 9, 9, 59, 27, DateTimeKind.Utc), events[1].Time);
        Assert.Equal("Risky user", first.Operation);
        Assert.Equal(ActorKind.User, first.Actor.Kind);
        Assert.Equal("joe.danger@mauriziobrancaoutlook.onmicrosoft.com", first.Actor.Upn);
        Assert.Equal("51e26eae-d07b-44e5-bb0b-249f49569a8c", first.Actor.ObjectId);
        Assert.Equal("medium", first.Outcome.Code);
        Assert.Equal("atRisk", first.Outcome.Reason);
        Assert.Equal("high", events[1].Outcome.Code);
        Assert.Equal("5611623b-9128-461e-9d7f-a0d9c270ead2", first.TenantId);
        Assert.Equal("risk:51e26eae-d07b-44e5-bb0b-249f49569a8c@2022-08-22t18:11:52.702z", first.RecordId);
    }

    [Fact]
    public void Risk_events_and_risky_service_principals_read_their_identities()
    {
        var events = Decoded.File(Decoded.Fixture("risk/diagnostic-records.json")).Clean();

        Assert.Equal(["UserRiskEvents", "ServicePrincipalRiskEvents", "RiskyServicePrincipals"], events.Select(e => e.Category));

        var user = events[0];
        Assert.Equal(new DateTime(2024, 5, 1, 8, 25, 0, DateTimeKind.Utc), user.Time);
        Assert.Equal("unfamiliarFeatures", user.Operation);
        Assert.Equal(ActorKind.User, user.Actor.Kind);
        Assert.Equal("26be570a-ae82-4189-b4e2-a37c6808512d", user.Actor.ObjectId);
        Assert.Equal("meganb@contoso.com", user.Actor.Upn);
        Assert.Equal("203.0.113.7", user.Network.Ip);
        Assert.Equal("NL", user.Network.Country);
        Assert.Equal("66ea54eb-6301-4ee5-be62-ff5a759b0100", user.Auth.SignInActivityId);
        Assert.Equal("d79f5bee-5860-4832-928f-3133e22ae912", user.Auth.CorrelationId);

        var spEvent = events[1];
        Assert.Equal("investigationsThreatIntelligence", spEvent.Operation);
        Assert.Equal(ActorKind.ServicePrincipal, spEvent.Actor.Kind);
        Assert.Equal("0d2f5969-011b-460d-ac74-3291d227d49f", spEvent.Actor.ObjectId);
        Assert.Equal("SimuLandApp", spEvent.Actor.DisplayName);
        Assert.Equal("high", spEvent.Outcome.Code);

        var risky = events[2];
        Assert.Equal("Risky service principal", risky.Operation);
        Assert.Equal("0d2f5969-011b-460d-ac74-3291d227d49f", risky.Actor.ObjectId);
        Assert.Equal("11b49e19-2326-4be6-93cb-7f37439bbd81", risky.Actor.AppId);
        Assert.Equal("confirmedCompromised; adminConfirmedServicePrincipalCompromised", risky.Outcome.Reason);
    }

    [Fact]
    public void Graph_risk_detection_page_reads_the_detection()
    {
        var evt = Assert.Single(Decoded.File(Decoded.Fixture("risk/graph-riskdetections.json")).Clean());

        Assert.Equal("risk.graph", evt.Format);
        Assert.Equal("UserRiskEvents", evt.Category);
        Assert.Equal("anonymizedIPAddress", evt.Operation);
        Assert.Equal(new DateTime(2024, 5, 1, 8, 15, 31, 500, DateTimeKind.Utc), evt.Time);
        Assert.Equal("risk:6a7be4b8ff72d71a4f1dbc3b1a30a2081c34e69e4d3d8f7e9c3bfb9cc8aa0f00", evt.RecordId);
        Assert.Equal("185.220.101.4", evt.Network.Ip);
        Assert.Equal("DE", evt.Network.Country);
        Assert.Equal("66ea54eb-6301-4ee5-be62-ff5a759b0100", evt.Auth.SignInActivityId);
        Assert.Equal("meganb@contoso.com", evt.Actor.Upn);
    }

    [Fact]
    public void Log_analytics_risky_user_row_uses_its_own_update_time_and_directory_tenant()
    {
        var evt = Assert.Single(Decoded.File(Decoded.Fixture("risk/loganalytics.json")).Clean());

        Assert.Equal("risk.loganalytics", evt.Format);
        Assert.Equal("RiskyUsers", evt.Category);
        Assert.Equal("Risky user", evt.Operation);
        Assert.Equal(new DateTime(2024, 5, 1, 8, 17, 0, DateTimeKind.Utc), evt.Time);
        Assert.Equal("2ad3fc79-1859-42fa-9011-6f8df2251b22", evt.TenantId);
        Assert.Equal("26be570a-ae82-4189-b4e2-a37c6808512d", evt.Actor.ObjectId);
        Assert.Equal("medium", evt.Outcome.Code);
    }
}
