namespace Daybreak.Events;

/// <summary>How the actor authenticated, and the ids that join one sign-in to what it did later.</summary>
public sealed class Authentication
{
    /// <summary>"singleFactorAuthentication" or "multiFactorAuthentication" as Entra writes it.</summary>
    public string? Requirement { get; set; }

    /// <summary>Conditional Access status: success, failure, notApplied.</summary>
    public string? ConditionalAccessStatus { get; set; }

    public bool? IsInteractive { get; set; }

    /// <summary>AzureAD, ADFederationServices...</summary>
    public string? TokenIssuerType { get; set; }

    /// <summary>Authentication protocol: none, ropc, deviceCode, saml20, oAuth2...</summary>
    public string? Protocol { get; set; }

    /// <summary>Sign-in event type: interactiveUser, nonInteractiveUser, servicePrincipal, managedIdentity.</summary>
    public string? SignInType { get; set; }

    public string? CorrelationId { get; set; }

    /// <summary>Entra session id (sessionId) or UAL SessionId / AppAccessContext.AADSessionId.</summary>
    public string? SessionId { get; set; }

    /// <summary>UniqueTokenId / uniqueTokenIdentifier: joins a token to its sign-in and to Graph activity.</summary>
    public string? UniqueTokenId { get; set; }

    /// <summary>SignInActivityId (Graph activity logs) / sign-in id.</summary>
    public string? SignInActivityId { get; set; }

    /// <summary>Key id of the credential a service principal signed in with, or that an audit event added.</summary>
    public string? CredentialKeyId { get; set; }
}
