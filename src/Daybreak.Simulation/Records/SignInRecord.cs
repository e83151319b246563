using Daybreak.Simulation.Organisation;

namespace Daybreak.Simulation.Records;

/// <summary>An Entra sign-in (user or service principal).</summary>
internal sealed class SignInRecord : SimRecord
{
    public required Guid Id { get; init; }
    public required SignInKind Kind { get; init; }
    public SimUser? User { get; init; }
    public SimApp? ServicePrincipal { get; init; }
    public required Guid AppId { get; init; }
    public required string AppDisplayName { get; init; }
    public required Guid ResourceId { get; init; }
    public required string ResourceDisplayName { get; init; }
    public required SimIp Ip { get; init; }
    public int ErrorCode { get; init; }
    public string? AdditionalDetails { get; init; }
    public string ClientAppUsed { get; init; } = "Browser";
    public string? UserAgent { get; init; }
    /// <summary>False when the sign-in came from a device the tenant does not know (no device id).</summary>
    public bool KnownDevice { get; init; } = true;
    public bool Mfa { get; init; }
    /// <summary>The second factor used or attempted ("Mobile app notification", "Text message"...).</summary>
    public string? MfaMethod { get; init; }
    public required Guid CorrelationId { get; init; }
    public required Guid SessionId { get; init; }
    public required string UniqueTokenIdentifier { get; init; }
    public Guid? CredentialKeyId { get; init; }
    public string? ClientCredentialType { get; init; }
    public string IncomingTokenType { get; init; } = "none";
    public string ConditionalAccessStatus { get; init; } = "notApplied";
    public string RiskLevel { get; init; } = "none";
    public int ProcessingMs { get; init; } = 120;
    public override string RecordId => Id.ToString();
    public override LogSource Source => LogSource.SignIns;
    public override string Stream => Kind switch
    {
        SignInKind.Interactive => "SignInLogs",
        SignInKind.NonInteractive => "NonInteractiveUserSignInLogs",
        _ => "ServicePrincipalSignInLogs",
    };
}
