namespace Daybreak.Decoders.Ual;

/// <summary>
/// The UAL enumerations that arrive as numbers from the Management Activity API and as names from Log Analytics,
/// Purview and Search-UnifiedAuditLog (AuditLogRecordType, UserType).
/// </summary>
internal static class UalCodes
{
    // AuditLogRecordType values from the Office 365 Management Activity API schema; only the common ones are named,
    // others stay as their number.
    private static readonly Dictionary<int, string> RecordTypes = new()
    {
        [1] = "ExchangeAdmin", [2] = "ExchangeItem", [3] = "ExchangeItemGroup", [4] = "SharePoint",
        [6] = "SharePointFileOperation", [7] = "OneDrive", [8] = "AzureActiveDirectory",
        [9] = "AzureActiveDirectoryAccountLogon", [10] = "DataCenterSecurityCmdlet", [11] = "ComplianceDLPSharePoint",
        [13] = "ComplianceDLPExchange", [14] = "SharePointSharingOperation", [15] = "AzureActiveDirectoryStsLogon",
        [18] = "SecurityComplianceCenterEOPCmdlet", [19] = "ExchangeAggregatedOperation", [20] = "PowerBIAudit",
        [25] = "MicrosoftTeams", [28] = "ThreatIntelligence", [29] = "MailSubmission", [30] = "MicrosoftFlow",
        [40] = "SecurityComplianceAlerts", [47] = "ThreatIntelligenceAtpContent", [50] = "ExchangeItemAggregated",
        [52] = "DataInsightsRestApiAudit", [64] = "AirInvestigation", [65] = "Quarantine", [66] = "MicrosoftForms",
        [101] = "ExchangeSearch", [102] = "SharePointSearch",
    };

    private static readonly string[] UserTypes =
        ["Regular", "Reserved", "Admin", "DcAdmin", "System", "Application", "ServicePrincipal", "CustomPolicy", "SystemPolicy"];

    /// <summary>The record type as a name whether it was written as a number, a numeric string or a name.</summary>
    public static string? RecordTypeName(string? text)
    {
        if (text is null) return null;
        return int.TryParse(text, out var n) ? RecordTypes.GetValueOrDefault(n, text) : text;
    }

    /// <summary>The UserType as a name (Regular, Admin, Application, ServicePrincipal...).</summary>
    public static string? UserTypeName(string? text)
    {
        if (text is null) return null;
        return int.TryParse(text, out var n) ? (n >= 0 && n < UserTypes.Length ? UserTypes[n] : text) : text;
    }
}
