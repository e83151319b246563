using System.Text.Json;
using Daybreak.Simulation.Records;

namespace Daybreak.Simulation.Writers;

/// <summary>Directory audits as Graph directoryAudit objects; the diagnostic export omits the absent initiator.</summary>
internal static class AuditJson
{
    public static void Object(Utf8JsonWriter w, AuditRecord r, bool graph)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        w.WriteString("category", r.Category);
        w.WriteString("correlationId", r.CorrelationId);
        w.WriteString("result", r.Result);
        w.WriteString("resultReason", r.ResultReason);
        w.WriteString("activityDisplayName", r.ActivityDisplayName);
        JsonText.Time(w, "activityDateTime", r.Time, graph ? JsonText.Ticks : JsonText.TicksOffset);
        w.WriteString("loggedByService", r.LoggedByService);
        w.WriteString("operationType", r.OperationType);
        w.WritePropertyName("initiatedBy");
        InitiatedBy(w, r.InitiatedBy, graph);
        w.WritePropertyName("targetResources");
        Targets(w, r);
        w.WritePropertyName("additionalDetails");
        Details(w, r);
        w.WriteEndObject();
    }

    public static void InitiatedBy(Utf8JsonWriter w, AuditInitiator by, bool writeNulls)
    {
        w.WriteStartObject();
        if (by.App is { } app)
        {
            w.WriteStartObject("app");
            w.WriteString("appId", app.AppId);
            w.WriteString("displayName", app.DisplayName);
            w.WriteString("servicePrincipalId", app.ServicePrincipalId);
            w.WriteString("servicePrincipalName", app.DisplayName);
            w.WriteEndObject();
        }
        else if (writeNulls) w.WriteNull("app");
        if (by.User is { } user)
        {
            w.WriteStartObject("user");
            w.WriteString("id", user.Id);
            w.WriteNull("displayName");
            w.WriteString("userPrincipalName", user.UserPrincipalName);
            JsonText.StringOrNull(w, "ipAddress", by.IpAddress);
            w.WriteString("userType", "Member");
            w.WriteStartArray("roles");
            w.WriteEndArray();
            w.WriteEndObject();
        }
        else if (writeNulls) w.WriteNull("user");
        w.WriteEndObject();
    }

    public static void Targets(Utf8JsonWriter w, AuditRecord r)
    {
        w.WriteStartArray();
        foreach (var t in r.Targets)
        {
            w.WriteStartObject();
            w.WriteString("id", t.Id);
            JsonText.StringOrNull(w, "displayName", t.DisplayName);
            w.WriteString("type", t.Type);
            JsonText.StringOrNull(w, "userPrincipalName", t.UserPrincipalName);
            w.WriteNull("groupType");
            w.WriteStartArray("modifiedProperties");
            foreach (var p in t.ModifiedProperties)
            {
                w.WriteStartObject();
                w.WriteString("displayName", p.DisplayName);
                JsonText.StringOrNull(w, "oldValue", p.OldValue);
                JsonText.StringOrNull(w, "newValue", p.NewValue);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static void Details(Utf8JsonWriter w, AuditRecord r)
    {
        w.WriteStartArray();
        foreach (var (k, v) in r.AdditionalDetails)
        {
            w.WriteStartObject();
            w.WriteString("key", k);
            w.WriteString("value", v);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static string Identity(AuditRecord r) => r.InitiatedBy.App?.DisplayName ?? r.InitiatedBy.User?.UserPrincipalName ?? "";
}
