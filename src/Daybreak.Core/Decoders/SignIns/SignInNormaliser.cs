using System.Text.Json;
using Daybreak.Decoders.Entra;
using Daybreak.Events;

namespace Daybreak.Decoders.SignIns;

/// <summary>
/// Entra ID sign-ins (interactive, non-interactive, service principal, managed identity) in all three shapes: the
/// Graph <c>signIn</c> object, the Azure Monitor diagnostic record wrapping it in <c>properties</c>, and the Log
/// Analytics row (SigninLogs and its AAD* sibling tables) as JSON or portal CSV. Field names are read
/// case-insensitively, so the Graph name also finds the Log Analytics column (<c>ipAddress</c>/<c>IPAddress</c>).
/// </summary>
internal sealed class SignInNormaliser : IRecordNormaliser
{
    public string Family => "signin";

    public IReadOnlyList<FormatInfo> Formats => SignInFormats.All;

    public bool Accepts(in RawRecord record)
    {
        var root = record.Root;
        if (AzureEnvelope.TryGetDiagnosticCategory(root, out var category)) return SignInCategories.FromDiagnostic(category) is not null;
        if (AzureEnvelope.TryGetTable(root, out var table) && SignInCategories.FromTable(table) is not null) return true;
        return root.TryGet("createdDateTime", out _) && !root.TryGet("activityDateTime", out _)
            && (root.TryGet("status", out _) || root.TryGet("ResultType", out _) || root.TryGet("signInEventTypes", out _));
    }

    public AuditEvent Normalise(in RawRecord record)
    {
        var root = record.Root;
        var diagnostic = AzureEnvelope.TryGetProperties(root, out var p);
        if (!diagnostic) p = root;
        var logAnalytics = !diagnostic && AzureEnvelope.IsLogAnalyticsRow(root);
        var eventType = p.Array("signInEventTypes").Select(JsonFields.AsText).FirstOrDefault(t => !string.IsNullOrEmpty(t));
        var category = Category(root, p, diagnostic, logAnalytics, eventType);

        var evt = new AuditEvent
        {
            RecordId = RecordIds.For(SourceKind.SignIn, p.Text("id"), record.Raw),
            Format = diagnostic ? SignInFormats.Diagnostic : logAnalytics ? SignInFormats.LogAnalytics : SignInFormats.Graph,
            Raw = record.Raw,
            Source = SourceKind.SignIn,
            Category = category,
            Operation = "Sign-in",
            Time = p.Time("createdDateTime") ?? root.Time("time", "TimeGenerated")
                ?? throw new RecordRejectedException("sign-in has no createdDateTime"),
            TenantId = AzureEnvelope.TenantId(root, logAnalytics) ?? p.Text("resourceTenantId", "homeTenantId"),
        };
        SetOutcome(evt.Outcome, root, p);
        SetActor(evt.Actor, p, SignInCategories.ActorKind(category));
        SetNetwork(evt.Network, root, p);
        SetAuth(evt.Auth, root, p, eventType ?? SignInCategories.SignInType(category));
        var resourceName = p.Text("resourceDisplayName");
        // Log Analytics' ResourceId column is the Azure resource path of the log, not the app signed in to.
        var resourceId = p.Text("resourceIdentity") ?? (p.Text("resourceId") is { } rid && !rid.StartsWith('/') ? rid : null);
        if (resourceName is not null || resourceId is not null)
            evt.Targets.Add(new Target { Kind = "Application", Id = resourceId, Name = resourceName });
        return evt;
    }

    private static string Category(JsonElement root, JsonElement p, bool diagnostic, bool logAnalytics, string? eventType)
    {
        if (diagnostic && AzureEnvelope.TryGetDiagnosticCategory(root, out var c) && SignInCategories.FromDiagnostic(c) is { } fromDiag) return fromDiag;
        if (AzureEnvelope.TryGetTable(root, out var table) && SignInCategories.FromTable(table) is { } fromTable) return fromTable;
        if (logAnalytics && root.Text("Category") is { } column && SignInCategories.FromDiagnostic(column) is { } fromColumn) return fromColumn;
        return SignInCategories.FromGraph(p, eventType);
    }

    private static void SetOutcome(Outcome outcome, JsonElement root, JsonElement p)
    {
        var code = p.Code("status.errorCode") ?? root.Code("resultType");
        outcome.Code = code;
        outcome.Status = code is null ? OutcomeStatus.Unknown : code == "0" ? OutcomeStatus.Success : OutcomeStatus.Failure;
        if (outcome.Status == OutcomeStatus.Failure)
            outcome.Reason = p.Text("status.failureReason") ?? root.Text("resultDescription");
    }

    private static void SetActor(Actor actor, JsonElement p, ActorKind kind)
    {
        actor.Kind = kind;
        actor.AppId = p.Text("appId");
        if (kind == ActorKind.User)
        {
            actor.ObjectId = p.Text("userId");
            actor.Upn = p.Upn("userPrincipalName");
            actor.DisplayName = p.Text("userDisplayName");
        }
        else
        {
            actor.ObjectId = p.Text("servicePrincipalId");
            actor.DisplayName = p.Text("servicePrincipalName") ?? p.Text("appDisplayName");
        }
    }

    private static void SetNetwork(Network network, JsonElement root, JsonElement p)
    {
        network.Ip = EntraFields.Ip(p.Text("ipAddress") ?? root.Text("callerIpAddress"));
        network.Country = p.Str("location.countryOrRegion", "LocationDetails.countryOrRegion");
        if (network.Country is null && root.Str("location") is { Length: 2 } code) network.Country = code;
        network.City = p.Str("location.city", "LocationDetails.city");
        network.Asn = p.Long("autonomousSystemNumber");
        network.UserAgent = p.Text("userAgent");
        network.ClientApp = p.Text("clientAppUsed");
    }

    private static void SetAuth(Authentication auth, JsonElement root, JsonElement p, string signInType)
    {
        auth.Requirement = p.Text("authenticationRequirement");
        auth.ConditionalAccessStatus = p.Text("conditionalAccessStatus");
        auth.IsInteractive = p.Bool("isInteractive");
        auth.TokenIssuerType = p.Text("tokenIssuerType");
        auth.Protocol = p.Text("authenticationProtocol");
        auth.SignInType = signInType;
        auth.CorrelationId = p.Text("correlationId") ?? root.Text("correlationId");
        auth.SessionId = p.Text("sessionId");
        auth.UniqueTokenId = p.Text("uniqueTokenIdentifier");
        auth.SignInActivityId = p.Text("id");
        auth.CredentialKeyId = p.Text("servicePrincipalCredentialKeyId");
    }
}
