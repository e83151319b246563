using System.Text.Json;
using Daybreak.Simulation.Records;

namespace Daybreak.Simulation.Writers;

/// <summary>MicrosoftGraphActivityLogs as the diagnostic export writes them.</summary>
internal static class GraphActivityJson
{
    public static void Diagnostic(Utf8JsonWriter w, GraphActivityRecord r)
    {
        w.WriteStartObject();
        w.WriteNumber("Level", 4);
        w.WriteString("callerIpAddress", r.Ip.Address);
        w.WriteString("category", "MicrosoftGraphActivityLogs");
        w.WriteString("correlationId", r.RequestId);
        w.WriteNumber("durationMs", r.DurationMs);
        w.WriteString("location", r.Location);
        w.WriteString("operationName", "Microsoft Graph Activity");
        w.WriteString("operationVersion", r.ApiVersion);
        w.WriteStartObject("properties");
        w.WriteString("apiVersion", r.ApiVersion);
        w.WriteString("appId", r.AppId);
        w.WriteString("atContent", "");
        w.WriteString("clientAuthMethod", r.ClientAuthMethod.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("clientRequestId", r.ClientRequestId);
        w.WriteNumber("durationMs", r.DurationMs);
        w.WriteString("identityProvider", $"https://sts.windows.net/{r.Tenant.Id}/");
        w.WriteString("ipAddress", r.Ip.Address);
        w.WriteString("location", r.Location);
        w.WriteString("operationId", r.RequestId);
        w.WriteString("requestId", r.RequestId);
        w.WriteString("requestMethod", r.RequestMethod);
        w.WriteString("requestUri", r.RequestUri);
        w.WriteNumber("responseSizeBytes", r.ResponseSizeBytes);
        w.WriteNumber("responseStatusCode", r.ResponseStatusCode);
        JsonText.StringOrNull(w, "roles", r.Roles);
        JsonText.StringOrNull(w, "scopes", r.Scopes);
        JsonText.Guid(w, "servicePrincipalId", r.ServicePrincipalId);
        w.WriteString("signInActivityId", r.SignInActivityId);
        w.WriteString("tenantId", r.Tenant.Id);
        JsonText.Time(w, "timeGenerated", r.Time, JsonText.Ticks);
        JsonText.Time(w, "tokenIssuedAt", r.TokenIssuedAt, JsonText.Seconds);
        w.WriteString("userAgent", r.UserAgent);
        JsonText.Guid(w, "userId", r.UserId);
        JsonText.StringOrNull(w, "wids", r.Wids);
        w.WriteEndObject();
        w.WriteString("resourceId", $"/TENANTS/{r.Tenant.Id.ToString().ToUpperInvariant()}/PROVIDERS/MICROSOFT.AADIAM");
        w.WriteString("resultSignature", r.ResponseStatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("tenantId", r.Tenant.Id);
        JsonText.Time(w, "time", r.Time, JsonText.Ticks);
        w.WriteEndObject();
    }
}
