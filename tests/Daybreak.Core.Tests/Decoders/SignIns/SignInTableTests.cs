using Daybreak.Events;
using Daybreak.Tests.Decoders.Entra;

namespace Daybreak.Tests.Decoders.SignIns;

public sealed class SignInTableTests
{
    [Theory]
    [InlineData("SigninLogs", "SignInLogs", ActorKind.User, "interactiveUser")]
    [InlineData("AADNonInteractiveUserSignInLogs", "NonInteractiveUserSignInLogs", ActorKind.User, "nonInteractiveUser")]
    [InlineData("AADServicePrincipalSignInLogs", "ServicePrincipalSignInLogs", ActorKind.ServicePrincipal, "servicePrincipal")]
    [InlineData("AADManagedIdentitySignInLogs", "ManagedIdentitySignInLogs", ActorKind.ManagedIdentity, "managedIdentity")]
    public void Log_analytics_table_decides_category_and_actor_kind(string table, string category, ActorKind kind, string signInType)
    {
        var row = $$"""{"TimeGenerated":"2024-05-01T08:00:05Z","CreatedDateTime":"2024-05-01T08:00:00Z","Id":"t-1","ResultType":"0","ServicePrincipalId":"sp-1","UserId":"u-1","Type":"{{table}}"}""";

        var evt = Assert.Single(Decoded.Text(row + "\n", ".ndjson").Clean());

        Assert.Equal("signin.loganalytics", evt.Format);
        Assert.Equal(category, evt.Category);
        Assert.Equal(kind, evt.Actor.Kind);
        Assert.Equal(kind == ActorKind.User ? "u-1" : "sp-1", evt.Actor.ObjectId);
        Assert.Equal(signInType, evt.Auth.SignInType);
        Assert.Equal(new DateTime(2024, 5, 1, 8, 0, 0, DateTimeKind.Utc), evt.Time);
        Assert.Equal(OutcomeStatus.Success, evt.Outcome.Status);
    }
}
