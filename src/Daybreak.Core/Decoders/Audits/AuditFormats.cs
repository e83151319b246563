namespace Daybreak.Decoders.Audits;

/// <summary>The directory audit format variants, with trimmed real examples for <c>daybreak formats</c>.</summary>
internal static class AuditFormats
{
    public const string Graph = "audit.graph";
    public const string Diagnostic = "audit.diagnostic";
    public const string LogAnalytics = "audit.loganalytics";

    public static IReadOnlyList<FormatInfo> All { get; } =
    [
        new(Graph,
            "Entra directory audit as Microsoft Graph returns it (GET /auditLogs/directoryAudits): a {\"value\":[...]} "
            + "page, a bare array, one object or NDJSON.",
            """
            {
             "id":"Directory_ESQ","category":"Device","correlationId":"8a4de8b5-095c-47d0-a96f-a75130c61d53",
             "result":"success","activityDisplayName":"Update device","activityDateTime":"2019-10-18T15:30:51.0273716+00:00",
             "loggedByService":"Core Directory","initiatedBy":{"app":{"appId":"id","displayName":"Device Registration Service",
             "servicePrincipalId":"8a4de8b5-095c-47d0-a96f-a75130c61d53"}},
             "targetResources":[{"id":"8a4de8b5-095c-47d0-a96f-a75130c61d53","displayName":"LAPTOP-12","type":"Device"}]
            }
            """),
        new(Diagnostic,
            "Azure Monitor diagnostic-settings export, category AuditLogs: {\"records\":[...]} or NDJSON, the "
            + "directoryAudit in properties.",
            """
            {
             "time":"2019-10-18T15:30:51.0273716Z","category":"AuditLogs","operationName":"Update device",
             "tenantId":"8a4de8b5-095c-47d0-a96f-a75130c61d53","properties":{"id":"Directory_ESQ",
             "activityDateTime":"2019-10-18T15:30:51.0273716+00:00","activityDisplayName":"Update device","result":"success",
             "initiatedBy":{"user":{"id":"8a4de8b5-095c-47d0-a96f-a75130c61d53","userPrincipalName":"UserName","ipAddress":"0.0.0.0"}}}
            }
            """),
        new(LogAnalytics,
            "Log Analytics AuditLogs rows as JSON, NDJSON or portal CSV; InitiatedBy, TargetResources and "
            + "AdditionalDetails are JSON strings. KQL projections with extra columns are accepted.",
            """
            {
             "TimeGenerated":"2021-08-02T13:29:25.983Z","OperationName":"Update application – Certificates and secrets management ",
             "Category":"ApplicationManagement","Result":"success","Id":"Directory_10065ffb-8199-48bc-8ff5-912cb5b8295a_AUMVX_13992832",
             "InitiatedBy":"{\"user\":{\"id\":\"aead923d-498b-4f64-a66c-2af91447a8b6\",\"userPrincipalName\":\"pgustavo@simulandlabs.com\"}}",
             "TargetResources":"[{\"id\":\"11b49e19-2326-4be6-93cb-7f37439bbd81\",\"displayName\":\"SimuLandApp\",\"type\":\"Application\"}]",
             "AADTenantId":"00000000-0000-0000-0000-000000000000","ActivityDisplayName":"Update application – Certificates and secrets management ",
             "ActivityDateTime":"2021-08-02T13:29:25.983Z","Type":"AuditLogs"
            }
            """),
    ];
}
