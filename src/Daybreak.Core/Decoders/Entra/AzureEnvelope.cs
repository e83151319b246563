using System.Text.Json;

namespace Daybreak.Decoders.Entra;

/// <summary>
/// Recognises the two wrappers Entra logs travel in besides Graph: the Azure Monitor diagnostic-settings record
/// (<c>time</c>, <c>category</c>, <c>tenantId</c>, <c>properties{...}</c>), and a Log Analytics row (PascalCase
/// columns, <c>Type</c> = table name, <c>TenantId</c> = the workspace and <c>AADTenantId</c> = the directory).
/// </summary>
internal static class AzureEnvelope
{
    /// <summary>The diagnostic category when the record is a diagnostic-settings record with a properties object.</summary>
    public static bool TryGetDiagnosticCategory(JsonElement root, out string category)
    {
        category = "";
        if (!TryGetProperties(root, out _)) return false;
        if (!root.TryGet("category", out var c) || c.ValueKind != JsonValueKind.String) return false;
        category = c.StringValue()!;
        return true;
    }

    /// <summary>The <c>properties</c> object of a diagnostic-settings record.</summary>
    public static bool TryGetProperties(JsonElement root, out JsonElement properties) =>
        root.TryGetExact("properties", out properties) && properties.ValueKind == JsonValueKind.Object;

    /// <summary>The Log Analytics table name from the <c>Type</c> column.</summary>
    public static bool TryGetTable(JsonElement root, out string table)
    {
        table = "";
        if (!root.TryGetExact("Type", out var t) || t.ValueKind != JsonValueKind.String) return false;
        table = t.StringValue()!;
        return true;
    }

    /// <summary>True for a Log Analytics row (JSON or portal CSV), even a KQL projection whose Type is not the table.</summary>
    public static bool IsLogAnalyticsRow(JsonElement root) =>
        root.TryGetExact("TimeGenerated", out _) || root.TryGetExact("SourceSystem", out _)
        || root.TryGetExact("AADTenantId", out _) || root.TryGetExact("Type", out _);

    /// <summary>The directory (tenant) id: AADTenantId in Log Analytics (whose TenantId is the workspace), else tenantId.</summary>
    public static string? TenantId(JsonElement root, bool logAnalytics) =>
        logAnalytics ? root.Text("AADTenantId") : root.Text("tenantId");
}
