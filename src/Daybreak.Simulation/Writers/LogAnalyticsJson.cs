using System.Globalization;
using System.Text.Json;
using Daybreak.Simulation.Records;

namespace Daybreak.Simulation.Writers;

/// <summary>Rows of the Log Analytics tables (SigninLogs, AADNonInteractiveUserSignInLogs, AADServicePrincipalSignInLogs, AuditLogs, OfficeActivity, MicrosoftGraphActivityLogs); dynamic columns are JSON strings.</summary>
internal static class LogAnalyticsJson
{
    public static string Table(SimRecord r) => r switch
    {
        SignInRecord { Kind: SignInKind.Interactive } => "SigninLogs",
        SignInRecord { Kind: SignInKind.NonInteractive } => "AADNonInteractiveUserSignInLogs",
        SignInRecord => "AADServicePrincipalSignInLogs",
        AuditRecord => "AuditLogs",
        UalRecord => "OfficeActivity",
        _ => "MicrosoftGraphActivityLogs",
    };

    public static void Write(Utf8JsonWriter w, SimRecord record, Scratch scratch)
    {
        w.WriteStartObject();
        w.WriteString("TenantId", record.Tenant.Id);
        switch (record)
        {
            case SignInRecord s: SignIn(w, s, scratch); break;
            case AuditRecord a: Audit(w, a, scratch); break;
            case UalRecord u: Office(w, u, scratch); break;
            case GraphActivityRecord g: Graph(w, g); break;
        }
        w.WriteString("Type", Table(record));
        w.WriteEndObject();
    }

    private static void SignIn(Utf8JsonWriter w, SignInRecord r, Scratch scratch)
    {
        var u = r.User;
        var sp = r.Kind == SignInKind.ServicePrincipal;
        w.WriteString("SourceSystem", "Azure AD");
        JsonText.Time(w, "TimeGenerated", r.Time, JsonText.Millis);
        w.WriteString("ResourceId", r.Tenant.ResourceId);
        w.WriteString("OperationName", "Sign-in activity");
        w.WriteString("OperationVersion", "1.0");
        w.WriteString("Category", r.Stream);
        w.WriteString("ResultType", r.ErrorCode.ToString(CultureInfo.InvariantCulture));
        w.WriteString("ResultSignature", "None");
        w.WriteString("ResultDescription", r.ErrorCode == 0 ? "" : SignInErrors.Reason(r.ErrorCode));
        w.WriteNumber("DurationMs", 0);
        w.WriteString("CorrelationId", r.CorrelationId);
        w.WriteString("Resource", "Microsoft.aadiam");
        w.WriteString("ResourceGroup", "Microsoft.aadiam");
        w.WriteString("Identity", u?.DisplayName ?? r.ServicePrincipal?.DisplayName ?? "");
        w.WriteString("Level", "4");
        w.WriteString("Location", r.Ip.Place.CountryCode);
        w.WriteString("AppDisplayName", r.AppDisplayName);
        w.WriteString("AppId", r.AppId);
        w.WriteString("IPAddress", r.Ip.Address);
        w.WriteString("Id", r.Id);
        w.WriteString("ResourceDisplayName", r.ResourceDisplayName);
        w.WriteString("ResourceIdentity", r.ResourceId);
        w.WriteString("UniqueTokenIdentifier", r.UniqueTokenIdentifier);
        scratch.WriteAsString(w, "LocationDetails", x =>
        {
            x.WriteStartObject();
            x.WriteString("city", r.Ip.Place.City);
            x.WriteString("state", r.Ip.Place.State);
            x.WriteString("countryOrRegion", r.Ip.Place.CountryCode);
            x.WriteStartObject("geoCoordinates");
            x.WriteNumber("latitude", r.Ip.Place.Latitude);
            x.WriteNumber("longitude", r.Ip.Place.Longitude);
            x.WriteEndObject();
            x.WriteEndObject();
        });
        if (sp)
        {
            w.WriteString("ServicePrincipalId", r.ServicePrincipal!.ServicePrincipalId);
            w.WriteString("ServicePrincipalName", r.ServicePrincipal.DisplayName);
            w.WriteString("ServicePrincipalCredentialKeyId", r.CredentialKeyId?.ToString() ?? "");
            w.WriteString("ServicePrincipalCredentialThumbprint", "");
            w.WriteString("ClientCredentialType", r.ClientCredentialType);
            return;
        }
        w.WriteString("AlternateSignInName", u!.UserPrincipalName);
        scratch.WriteAsString(w, "AuthenticationDetails", x => SignInJson.AuthenticationDetails(x, r));
        w.WriteString("AuthenticationRequirement", r.Mfa ? "multiFactorAuthentication" : "singleFactorAuthentication");
        w.WriteString("AutonomousSystemNumber", r.Ip.Asn.ToString(CultureInfo.InvariantCulture));
        w.WriteString("ClientAppUsed", r.ClientAppUsed);
        w.WriteString("ConditionalAccessPolicies", "[]");
        w.WriteString("ConditionalAccessStatus", r.ConditionalAccessStatus);
        JsonText.Time(w, "CreatedDateTime", r.Time, JsonText.Ticks);
        scratch.WriteAsString(w, "DeviceDetail", x =>
        {
            var known = r.KnownDevice;
            x.WriteStartObject();
            x.WriteString("deviceId", known ? u.DeviceId : "");
            x.WriteString("displayName", known ? u.DeviceName : "");
            x.WriteString("operatingSystem", known ? u.OperatingSystem : "Windows10");
            x.WriteString("browser", known ? u.Browser : "Chrome 119.0.0");
            x.WriteBoolean("isCompliant", known);
            x.WriteBoolean("isManaged", known);
            x.WriteString("trustType", known ? "Azure AD joined" : "");
            x.WriteEndObject();
        });
        w.WriteBoolean("IsInteractive", r.Kind == SignInKind.Interactive);
        w.WriteString("IsRisky", r.RiskLevel == "none" ? "" : "true");
        w.WriteString("IncomingTokenType", r.IncomingTokenType);
        w.WriteString("HomeTenantId", r.Tenant.Id);
        w.WriteString("ResourceTenantId", r.Tenant.Id);
        w.WriteString("OriginalRequestId", r.Id);
        w.WriteString("ProcessingTimeInMilliseconds", r.ProcessingMs.ToString(CultureInfo.InvariantCulture));
        w.WriteString("RiskDetail", "none");
        w.WriteString("RiskLevelAggregated", r.RiskLevel);
        w.WriteString("RiskLevelDuringSignIn", r.RiskLevel);
        w.WriteString("RiskState", r.RiskLevel == "none" ? "none" : "atRisk");
        w.WriteString("RiskEventTypes", "[]");
        w.WriteString("RiskEventTypes_V2", "[]");
        w.WriteString("SessionId", r.SessionId);
        scratch.WriteAsString(w, "Status", x =>
        {
            x.WriteStartObject();
            x.WriteNumber("errorCode", r.ErrorCode);
            if (r.ErrorCode != 0) x.WriteString("failureReason", SignInErrors.Reason(r.ErrorCode));
            if (r.AdditionalDetails is not null) x.WriteString("additionalDetails", r.AdditionalDetails);
            x.WriteEndObject();
        });
        w.WriteString("TokenIssuerType", "AzureAD");
        w.WriteString("UserAgent", r.UserAgent ?? "");
        w.WriteString("UserDisplayName", u.DisplayName);
        w.WriteString("UserId", u.Id);
        w.WriteString("UserPrincipalName", u.UserPrincipalName);
        w.WriteString("UserType", "Member");
        w.WriteString("AADTenantId", r.Tenant.Id);
    }

    private static void Audit(Utf8JsonWriter w, AuditRecord r, Scratch scratch)
    {
        w.WriteString("SourceSystem", "Azure AD");
        JsonText.Time(w, "TimeGenerated", r.Time, JsonText.Millis);
        w.WriteString("ResourceId", r.Tenant.ResourceId);
        w.WriteString("OperationName", r.ActivityDisplayName);
        w.WriteString("OperationVersion", "1.0");
        w.WriteString("Category", r.Category);
        w.WriteString("ResultSignature", "None");
        w.WriteNumber("DurationMs", 0);
        w.WriteString("CorrelationId", r.CorrelationId);
        w.WriteString("Resource", "Microsoft.aadiam");
        w.WriteString("ResourceGroup", "Microsoft.aadiam");
        w.WriteString("Identity", AuditJson.Identity(r));
        w.WriteString("Level", "4");
        scratch.WriteAsString(w, "AdditionalDetails", x => AuditJson.Details(x, r));
        w.WriteString("Id", r.Id);
        scratch.WriteAsString(w, "InitiatedBy", x => AuditJson.InitiatedBy(x, r.InitiatedBy, writeNulls: false));
        w.WriteString("LoggedByService", r.LoggedByService);
        w.WriteString("Result", r.Result);
        w.WriteString("ResultReason", r.ResultReason);
        scratch.WriteAsString(w, "TargetResources", x => AuditJson.Targets(x, r));
        w.WriteString("AADTenantId", r.Tenant.Id);
        w.WriteString("ActivityDisplayName", r.ActivityDisplayName);
        JsonText.Time(w, "ActivityDateTime", r.Time, JsonText.Ticks);
        w.WriteString("AADOperationType", r.OperationType);
    }

    private static void Office(Utf8JsonWriter w, UalRecord r, Scratch scratch)
    {
        w.WriteString("SourceSystem", "OfficeActivityManager");
        JsonText.Time(w, "TimeGenerated", r.Time, JsonText.Millis);
        w.WriteString("RecordType", r.RecordTypeName);
        w.WriteString("Operation", r.Operation);
        w.WriteString("OrganizationId", r.Tenant.Id);
        w.WriteString("UserType", r.UserType switch { 2 => "Admin", 5 => "Application", _ => "Regular" });
        w.WriteString("UserKey", r.UserKey);
        w.WriteString("OfficeWorkload", "Exchange");
        w.WriteString("ResultStatus", r.ResultStatus);
        w.WriteString("OfficeId", r.Id);
        w.WriteString("SourceRecordId", r.Id);
        w.WriteString("UserId", r.UserId);
        w.WriteString("ClientIP", r.ClientIp);
        w.WriteString("ExternalAccess", "False");
        w.WriteString("OrganizationName", r.Tenant.InitialDomain);
        w.WriteString("OfficeTenantId", r.Tenant.Id);
        if (r.RecordType == 50)
        {
            var mb = r.MailboxOwner!.Mailbox!;
            w.WriteString("OriginatingServer", $"{mb.Server} (15.20.7181.020)\r\n");
            w.WriteString("Logon_Type", r.LogonType switch { 1 => "Admin", 2 => "Delegate", _ => "Owner" });
            w.WriteString("MailboxGuid", mb.Guid);
            w.WriteString("MailboxOwnerUPN", r.MailboxOwner.UserPrincipalName);
            w.WriteString("MailboxOwnerSid", mb.Sid);
            w.WriteString("LogonUserSid", r.Actor?.Mailbox?.Sid ?? mb.Sid);
            w.WriteString("ClientInfoString", r.ClientInfoString);
            w.WriteString("Client_IPAddress", r.ClientIp);
            scratch.WriteAsString(w, "Folders", x => UalJson.Folders(x, r));
            scratch.WriteAsString(w, "OperationProperties", x => UalJson.OperationProperties(x, r));
            if (r.AppId is { } app) w.WriteString("AppId", app);
            if (r.ClientAppId is { } client) w.WriteString("ClientAppId", client);
        }
        else
        {
            w.WriteString("OfficeObjectId", r.ObjectId);
            scratch.WriteAsString(w, "Parameters", x => UalJson.Parameters(x, r));
        }
    }

    private static void Graph(Utf8JsonWriter w, GraphActivityRecord r)
    {
        JsonText.Time(w, "TimeGenerated", r.Time, JsonText.Ticks);
        w.WriteString("Location", r.Location);
        w.WriteString("RequestId", r.RequestId);
        w.WriteString("OperationId", r.RequestId);
        w.WriteString("ClientRequestId", r.ClientRequestId);
        w.WriteString("ApiVersion", r.ApiVersion);
        w.WriteString("RequestMethod", r.RequestMethod);
        w.WriteNumber("ResponseStatusCode", r.ResponseStatusCode);
        w.WriteString("AadTenantId", r.Tenant.Id);
        w.WriteString("IPAddress", r.Ip.Address);
        w.WriteString("UserAgent", r.UserAgent);
        w.WriteString("RequestUri", r.RequestUri);
        w.WriteNumber("DurationMs", r.DurationMs);
        w.WriteNumber("ResponseSizeBytes", r.ResponseSizeBytes);
        w.WriteString("SignInActivityId", r.SignInActivityId);
        w.WriteString("Roles", r.Roles ?? "");
        JsonText.Time(w, "TokenIssuedAt", r.TokenIssuedAt, JsonText.Ticks);
        w.WriteString("AppId", r.AppId);
        w.WriteString("UserId", r.UserId?.ToString() ?? "");
        w.WriteString("ServicePrincipalId", r.ServicePrincipalId?.ToString() ?? "");
        w.WriteString("Scopes", r.Scopes ?? "");
        w.WriteString("IdentityProvider", $"https://sts.windows.net/{r.Tenant.Id}/");
        w.WriteNumber("ClientAuthMethod", r.ClientAuthMethod);
        w.WriteString("Wids", r.Wids ?? "");
        w.WriteString("SourceSystem", "Azure AD");
    }
}
