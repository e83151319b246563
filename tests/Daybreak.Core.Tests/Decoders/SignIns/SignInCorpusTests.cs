using Daybreak.Events;
using Daybreak.Tests.Decoders.Entra;

namespace Daybreak.Tests.Decoders.SignIns;

public sealed class SignInCorpusTests
{
    private const string Diagnostic = "elastic-integrations/packages/azure/data_stream/signinlogs/_dev/test/pipeline/test-signinlogs-raw.log";
    private const string PortalCsv = "azure-sentinel/Solutions/Training/Azure-Sentinel-Training-Lab/Artifacts/Telemetry/sign-in_adelete.first3rows.csv";

    [SkippableFact]
    public void Diagnostic_sign_in_with_error_50140_yields_code_and_ip()
    {
        var events = Decoded.File(Corpus.RequireCorpus(Diagnostic)).Clean();

        var first = events[0];
        Assert.Equal("signin.diagnostic", first.Format);
        Assert.Equal(OutcomeStatus.Failure, first.Outcome.Status);
        Assert.Equal("50140", first.Outcome.Code);
        Assert.Equal("81.2.69.144", first.Network.Ip);
        Assert.Equal("FR", first.Network.Country);
        Assert.Equal("Champs-Sur-Marne", first.Network.City);
        Assert.Equal("test@elastic.co", first.Actor.Upn);
        Assert.Equal(Decoded.Utc("2019-10-18T09:45:48.0729893Z"), first.Time);
        Assert.Equal("8a4de8b5-095c-47d0-a96f-a75130c61d53", first.TenantId);
    }

    [SkippableFact]
    public void Diagnostic_file_holds_all_five_sign_in_categories()
    {
        var events = Decoded.File(Corpus.RequireCorpus(Diagnostic)).Clean();

        Assert.Equal(
            ["SignInLogs", "NonInteractiveUserSignInLogs", "ServicePrincipalSignInLogs", "MicrosoftServicePrincipalSignInLogs", "ManagedIdentitySignInLogs"],
            events.Select(e => e.Category));
        Assert.Equal(
            [ActorKind.User, ActorKind.User, ActorKind.ServicePrincipal, ActorKind.ServicePrincipal, ActorKind.ManagedIdentity],
            events.Select(e => e.Actor.Kind));
        Assert.Equal(
            ["interactiveUser", "nonInteractiveUser", "servicePrincipal", "servicePrincipal", "managedIdentity"],
            events.Select(e => e.Auth.SignInType));
    }

    [SkippableFact]
    public void Portal_csv_sign_in_yields_utc_time_from_its_locale_date()
    {
        var events = Decoded.File(Corpus.RequireCorpus(PortalCsv)).Clean();

        Assert.Equal(3, events.Count);
        var first = events[0];
        Assert.Equal("signin.loganalytics", first.Format);
        Assert.Equal(new DateTime(2021, 4, 28, 14, 8, 45, 221, DateTimeKind.Utc), first.Time);
        Assert.Equal("signin:cfb68155-70f5-4e28-b046-0a3a7086c401", first.RecordId);
        Assert.Equal("adelev@m365x816222.onmicrosoft.com", first.Actor.Upn);
        Assert.Equal("175.45.176.99", first.Network.Ip);
        Assert.Equal("IL", first.Network.Country);
        Assert.Equal("Azor", first.Network.City);
        Assert.Equal(OutcomeStatus.Success, first.Outcome.Status);
        Assert.Equal("singleFactorAuthentication", first.Auth.Requirement);
        Assert.Equal("2ad3fc79-1859-42fa-9011-6f8df2251b22", first.TenantId);
        Assert.Equal("SignInLogs", first.Category);
    }
}
