using System.Globalization;
using System.Text.Json;
using Daybreak.Simulation.Records;

namespace Daybreak.Simulation.Writers;

/// <summary>The Azure Monitor diagnostic-settings envelope around sign-ins and audits.</summary>
internal static class DiagnosticJson
{
    public static void Write(Utf8JsonWriter w, SimRecord record)
    {
        switch (record)
        {
            case SignInRecord s: SignIn(w, s); break;
            case AuditRecord a: Audit(w, a); break;
            case GraphActivityRecord g: GraphActivityJson.Diagnostic(w, g); break;
            default: throw new InvalidOperationException($"no diagnostic shape for {record.GetType().Name}");
        }
    }

    private static void SignIn(Utf8JsonWriter w, SignInRecord r)
    {
        w.WriteStartObject();
        JsonText.Time(w, "time", r.Time, JsonText.Ticks);
        w.WriteString("resourceId", r.Tenant.ResourceId);
        w.WriteString("operationName", "Sign-in activity");
        w.WriteString("operationVersion", "1.0");
        w.WriteString("category", r.Stream);
        w.WriteString("tenantId", r.Tenant.Id);
        w.WriteString("resultType", r.ErrorCode.ToString(CultureInfo.InvariantCulture));
        w.WriteString("resultSignature", "None");
        if (r.ErrorCode != 0) w.WriteString("resultDescription", SignInErrors.Reason(r.ErrorCode));
        w.WriteNumber("durationMs", 0);
        w.WriteString("callerIpAddress", r.Ip.Address);
        w.WriteString("correlationId", r.CorrelationId);
        w.WriteString("identity", r.User?.DisplayName ?? r.ServicePrincipal?.DisplayName ?? "");
        w.WriteString("Level", "4");
        w.WriteString("location", r.Ip.Place.CountryCode);
        w.WriteStartObject("properties");
        SignInJson.Body(w, r, diagnostic: true);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Audit(Utf8JsonWriter w, AuditRecord r)
    {
        w.WriteStartObject();
        JsonText.Time(w, "time", r.Time, JsonText.Ticks);
        w.WriteString("resourceId", r.Tenant.ResourceId);
        w.WriteString("operationName", r.ActivityDisplayName);
        w.WriteString("operationVersion", "1.0");
        w.WriteString("category", "AuditLogs");
        w.WriteString("tenantId", r.Tenant.Id);
        w.WriteString("resultSignature", "None");
        w.WriteNumber("durationMs", 0);
        w.WriteString("callerIpAddress", r.InitiatedBy.IpAddress ?? "");
        w.WriteString("correlationId", r.CorrelationId);
        w.WriteString("identity", AuditJson.Identity(r));
        w.WriteString("level", "Informational");
        w.WritePropertyName("properties");
        AuditJson.Object(w, r, graph: false);
        w.WriteEndObject();
    }
}
