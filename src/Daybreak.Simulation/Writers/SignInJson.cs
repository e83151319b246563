using System.Text.Json;
using Daybreak.Simulation.Records;

namespace Daybreak.Simulation.Writers;

/// <summary>Sign-ins as Graph (beta signIn resource) and as the diagnostic export's properties object.</summary>
internal static class SignInJson
{
    public static void Object(Utf8JsonWriter w, SignInRecord r, bool diagnostic)
    {
        w.WriteStartObject();
        Body(w, r, diagnostic);
        w.WriteEndObject();
    }

    public static string EventType(SignInRecord r) => r.Kind switch
    {
        SignInKind.Interactive => "interactiveUser",
        SignInKind.NonInteractive => "nonInteractiveUser",
        _ => "servicePrincipal",
    };

    public static void Body(Utf8JsonWriter w, SignInRecord r, bool diagnostic)
    {
        var u = r.User;
        var sp = r.Kind == SignInKind.ServicePrincipal;
        w.WriteString("id", r.Id);
        JsonText.Time(w, "createdDateTime", r.Time, diagnostic ? JsonText.TicksOffset : JsonText.Seconds);
        w.WriteString("userDisplayName", u?.DisplayName ?? "");
        w.WriteString("userPrincipalName", u?.UserPrincipalName ?? "");
        w.WriteString("userId", u is null ? "" : u.Id.ToString());
        w.WriteString("appId", r.AppId);
        w.WriteString("appDisplayName", r.AppDisplayName);
        w.WriteString("ipAddress", r.Ip.Address);
        w.WriteString("clientAppUsed", r.ClientAppUsed);
        w.WriteString("userAgent", r.UserAgent ?? "");
        w.WriteString("correlationId", r.CorrelationId);
        w.WriteString("conditionalAccessStatus", r.ConditionalAccessStatus);
        w.WriteString("originalRequestId", r.Id);
        w.WriteBoolean("isInteractive", r.Kind == SignInKind.Interactive);
        w.WriteString("tokenIssuerName", "");
        w.WriteString("tokenIssuerType", "AzureAD");
        w.WriteNumber("processingTimeInMilliseconds", r.ProcessingMs);
        w.WriteString("riskDetail", "none");
        w.WriteString("riskLevelAggregated", r.RiskLevel);
        w.WriteString("riskLevelDuringSignIn", r.RiskLevel);
        w.WriteString("riskState", r.RiskLevel == "none" ? "none" : "atRisk");
        w.WriteStartArray("riskEventTypes");
        w.WriteEndArray();
        w.WriteStartArray("riskEventTypes_v2");
        w.WriteEndArray();
        w.WriteString("resourceDisplayName", r.ResourceDisplayName);
        w.WriteString("resourceId", r.ResourceId);
        w.WriteString("resourceTenantId", r.Tenant.Id);
        w.WriteString("homeTenantId", r.Tenant.Id);
        w.WriteString("authenticationRequirement", r.Mfa ? "multiFactorAuthentication" : "singleFactorAuthentication");
        w.WriteStartArray("signInEventTypes");
        w.WriteStringValue(EventType(r));
        w.WriteEndArray();
        w.WriteString("servicePrincipalId", sp ? r.ServicePrincipal!.ServicePrincipalId.ToString() : "");
        w.WriteString("servicePrincipalName", sp ? r.ServicePrincipal!.DisplayName : "");
        w.WriteString("servicePrincipalCredentialKeyId", r.CredentialKeyId?.ToString() ?? "");
        w.WriteString("servicePrincipalCredentialThumbprint", "");
        w.WriteString("clientCredentialType", sp ? r.ClientCredentialType : "none");
        w.WriteString("userType", sp ? "" : "member");
        w.WriteNumber("autonomousSystemNumber", r.Ip.Asn);
        w.WriteString("uniqueTokenIdentifier", r.UniqueTokenIdentifier);
        w.WriteString("sessionId", sp ? "" : r.SessionId.ToString());
        w.WriteString("incomingTokenType", r.IncomingTokenType);
        w.WriteString("crossTenantAccessType", "none");
        w.WriteStartObject("status");
        w.WriteNumber("errorCode", r.ErrorCode);
        w.WriteString("failureReason", SignInErrors.Reason(r.ErrorCode));
        JsonText.StringOrNull(w, "additionalDetails", r.AdditionalDetails);
        w.WriteEndObject();
        w.WriteStartObject("deviceDetail");
        var known = r.KnownDevice && u is not null;
        w.WriteString("deviceId", known ? u!.DeviceId : "");
        w.WriteString("displayName", known ? u!.DeviceName : "");
        w.WriteString("operatingSystem", u is null ? "" : known ? u.OperatingSystem : "Windows10");
        w.WriteString("browser", u is null ? "" : known ? u.Browser : "Chrome 119.0.0");
        w.WriteBoolean("isCompliant", known);
        w.WriteBoolean("isManaged", known);
        w.WriteString("trustType", known ? "Azure AD joined" : "");
        w.WriteEndObject();
        w.WriteStartObject("location");
        w.WriteString("city", r.Ip.Place.City);
        w.WriteString("state", r.Ip.Place.State);
        w.WriteString("countryOrRegion", r.Ip.Place.CountryCode);
        w.WriteStartObject("geoCoordinates");
        w.WriteNull("altitude");
        w.WriteNumber("latitude", r.Ip.Place.Latitude);
        w.WriteNumber("longitude", r.Ip.Place.Longitude);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("appliedConditionalAccessPolicies");
        w.WriteEndArray();
        w.WritePropertyName("authenticationDetails");
        AuthenticationDetails(w, r);
    }

    public static void AuthenticationDetails(Utf8JsonWriter w, SignInRecord r)
    {
        w.WriteStartArray();
        if (r.Kind != SignInKind.ServicePrincipal)
        {
            var previously = r.MfaMethod == "Previously satisfied";
            if (!previously)
            {
                w.WriteStartObject();
                JsonText.Time(w, "authenticationStepDateTime", r.Time, JsonText.Seconds);
                w.WriteString("authenticationMethod", "Password");
                w.WriteString("authenticationMethodDetail", "Password in the cloud");
                w.WriteBoolean("succeeded", r.ErrorCode is not (SignInErrors.BadPassword or SignInErrors.Locked or SignInErrors.PasswordExpired));
                w.WriteString("authenticationStepResultDetail", r.ErrorCode switch
                {
                    SignInErrors.BadPassword => "Invalid username or password or Invalid on-premise username or password.",
                    SignInErrors.Locked => "Account locked",
                    SignInErrors.PasswordExpired => "Password expired",
                    _ => "Correct password",
                });
                w.WriteString("authenticationStepRequirement", "Primary authentication");
                w.WriteEndObject();
            }
            if (r.MfaMethod is not null)
            {
                w.WriteStartObject();
                JsonText.Time(w, "authenticationStepDateTime", r.Time, JsonText.Seconds);
                w.WriteString("authenticationMethod", r.MfaMethod);
                w.WriteString("authenticationMethodDetail", "");
                w.WriteBoolean("succeeded", r.ErrorCode != SignInErrors.MfaDenied);
                w.WriteString("authenticationStepResultDetail", r.AdditionalDetails ?? "MFA successfully completed");
                w.WriteString("authenticationStepRequirement", previously ? "Primary authentication" : "Multi-factor authentication");
                w.WriteEndObject();
            }
        }
        w.WriteEndArray();
    }
}
