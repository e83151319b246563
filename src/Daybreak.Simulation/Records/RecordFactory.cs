using Daybreak.Simulation.Organisation;
using Daybreak.Simulation.Randomness;

namespace Daybreak.Simulation.Records;

/// <summary>Builds records with every id drawn from the caller's stream, so output is a function of the seed.</summary>
internal static class RecordFactory
{
    public static string TokenId(SimRandom rng) => rng.NextAlnum(22);

    public static SignInRecord UserSignIn(SimRandom rng, DateTime time, SimUser user, SignInKind kind, (Guid Id, string Name) app,
        (Guid Id, string Name) resource, SimIp ip, int error = SignInErrors.Success, bool mfa = false, string? mfaMethod = null,
        string clientApp = "Browser", string? userAgent = null, bool knownDevice = true, Guid? session = null,
        string? additionalDetails = null, string risk = "none", string? incomingToken = null)
        => new()
        {
            Time = time,
            Tenant = user.Tenant,
            Id = rng.NextGuid(),
            Kind = kind,
            User = user,
            AppId = app.Id,
            AppDisplayName = app.Name,
            ResourceId = resource.Id,
            ResourceDisplayName = resource.Name,
            Ip = ip,
            ErrorCode = error,
            Mfa = mfa,
            MfaMethod = mfaMethod,
            ClientAppUsed = clientApp,
            UserAgent = userAgent ?? user.UserAgent,
            KnownDevice = knownDevice,
            CorrelationId = rng.NextGuid(),
            SessionId = session ?? rng.NextGuid(),
            UniqueTokenIdentifier = TokenId(rng),
            AdditionalDetails = additionalDetails,
            RiskLevel = risk,
            IncomingTokenType = incomingToken ?? (kind == SignInKind.NonInteractive ? "refreshToken" : "none"),
            ConditionalAccessStatus = error == SignInErrors.Success ? "success" : (error is SignInErrors.MfaRequired or SignInErrors.StrongAuthRequired ? "notApplied" : "failure"),
            ProcessingMs = 40 + rng.Next(400),
        };

    public static SignInRecord ServicePrincipalSignIn(SimRandom rng, DateTime time, SimTenant tenant, SimApp app, (Guid Id, string Name) resource,
        SimIp ip, AppCredential? credential, int error = SignInErrors.Success)
        => new()
        {
            Time = time,
            Tenant = tenant,
            Id = rng.NextGuid(),
            Kind = SignInKind.ServicePrincipal,
            ServicePrincipal = app,
            AppId = app.AppId,
            AppDisplayName = app.DisplayName,
            ResourceId = resource.Id,
            ResourceDisplayName = resource.Name,
            Ip = ip,
            ErrorCode = error,
            ClientAppUsed = "",
            UserAgent = app.UserAgent,
            CorrelationId = rng.NextGuid(),
            SessionId = Guid.Empty,
            UniqueTokenIdentifier = TokenId(rng),
            CredentialKeyId = credential?.KeyId,
            ClientCredentialType = credential is null ? "none" : credential.Type == "Password" ? "clientSecret" : "certificate",
            ConditionalAccessStatus = "notApplied",
            ProcessingMs = 20 + rng.Next(200),
        };

    public static AuditRecord Audit(SimRandom rng, DateTime time, SimTenant tenant, string category, string activity, string operationType,
        AuditInitiator initiator, IReadOnlyList<AuditTarget> targets, IReadOnlyList<KeyValuePair<string, string>>? details = null,
        string loggedBy = "Core Directory")
    {
        var correlation = rng.NextGuid();
        return new AuditRecord
        {
            Time = time,
            Tenant = tenant,
            Id = $"Directory_{correlation}_{rng.NextAlnum(5).ToUpperInvariant()}_{rng.Next(10_000_000, 99_999_999)}",
            Category = category,
            ActivityDisplayName = activity,
            OperationType = operationType,
            CorrelationId = correlation,
            InitiatedBy = initiator,
            Targets = targets,
            AdditionalDetails = details ?? [],
            LoggedByService = loggedBy,
        };
    }

    public static UalRecord MailItemsAccessed(SimRandom rng, DateTime time, SimUser owner, SimUser? actor, SimApp? clientApp, Guid? resourceAppId,
        string clientInfo, SimIp ip, string accessType, IReadOnlyList<UalFolderAccess> folders, int logonType = 0, bool throttled = false,
        string? tokenId = null, Guid? session = null)
    {
        var items = folders.Sum(f => f.Items.Count);
        return new UalRecord
        {
            Time = time,
            Tenant = owner.Tenant,
            Id = rng.NextGuid(),
            Operation = "MailItemsAccessed",
            RecordType = 50,
            UserId = actor?.UserPrincipalName ?? owner.UserPrincipalName,
            UserKey = actor?.Puid ?? clientApp?.AppId.ToString() ?? owner.Puid,
            UserType = 0,
            ClientIp = ip.Address,
            MailboxOwner = owner,
            Actor = actor,
            LogonType = logonType,
            ClientInfoString = clientInfo,
            AppId = resourceAppId ?? clientApp?.AppId,
            ClientAppId = clientApp?.AppId,
            TokenObjectId = clientApp?.ServicePrincipalId ?? actor?.Id,
            UniqueTokenId = tokenId ?? RecordFactory.TokenId(rng),
            SessionId = session,
            TokenIssuedAt = time.AddMinutes(-rng.Next(1, 55)),
            MailAccessType = accessType,
            IsThrottled = throttled,
            OperationCount = accessType == "Sync" ? 1 : Math.Max(1, items),
            Folders = folders,
        };
    }

    public static UalRecord AdminCmdlet(SimRandom rng, DateTime time, SimUser actor, string operation, string objectId, SimIp ip,
        IReadOnlyList<KeyValuePair<string, string>> parameters, bool admin = false)
        => new()
        {
            Time = time,
            Tenant = actor.Tenant,
            Id = rng.NextGuid(),
            Operation = operation,
            RecordType = 1,
            UserId = actor.UserPrincipalName,
            UserKey = actor.Puid,
            UserType = admin ? 2 : 0,
            ClientIp = ip.Address,
            Actor = actor,
            ObjectId = objectId,
            Parameters = parameters,
            SessionId = rng.NextGuid(),
        };

    public static GraphActivityRecord GraphRequest(SimRandom rng, DateTime time, SimTenant tenant, Guid appId, Guid? spId, Guid? userId, SimIp ip,
        string userAgent, string method, string uri, int status, string? roles, string? scopes, string signInActivityId, int clientAuth)
        => new()
        {
            Time = time,
            Tenant = tenant,
            RequestId = rng.NextGuid(),
            ClientRequestId = rng.NextGuid(),
            RequestMethod = method,
            RequestUri = uri,
            ResponseStatusCode = status,
            ResponseSizeBytes = status == 200 ? 300 + rng.Next(60_000) : 150 + rng.Next(200),
            DurationMs = 30 + rng.Next(900),
            AppId = appId,
            ServicePrincipalId = spId,
            UserId = userId,
            Ip = ip,
            UserAgent = userAgent,
            Roles = roles,
            Scopes = scopes,
            SignInActivityId = signInActivityId,
            TokenIssuedAt = time.AddMinutes(-rng.Next(1, 50)),
            ClientAuthMethod = clientAuth,
            Location = ip.Place.CountryCode == "GB" ? "UK South" : "East US",
        };

    /// <summary>A random time inside [start, start + span), at 100-ns resolution.</summary>
    public static DateTime TimeIn(SimRandom rng, DateTime start, TimeSpan span)
        => start.AddTicks((long)(rng.NextDouble() * span.Ticks));
}
