using System.Text.Json;
using System.Text.Json.Nodes;

namespace Daybreak.Tests.Detection.Sigma;

/// <summary>The same logical record in each export variant the decoders accept (shapes as in ../shared/corpus).</summary>
internal static class Audit
{
    private const string Time = "2024-01-08T13:35:24Z";

    public static string Consent(string isAdmin) =>
        new JsonArray(Prop("ConsentContext.IsAdminConsent", null, JsonSerializer.Serialize(isAdmin)), Prop("ConsentAction.Permissions", null, "\"[] => [[Scope: Mail.Read]]\"")).ToJsonString();

    public static string Graph(string activity, string modified = "", string targetType = "Application") =>
        Record(activity, modified, targetType).ToJsonString();

    public static string Diagnostic(string activity, string modified = "", string targetType = "Application") => new JsonObject
    {
        ["time"] = Time, ["category"] = "AuditLogs", ["operationName"] = activity, ["resultSignature"] = "None",
        ["tenantId"] = "27eff462-4a2b-4038-82c8-e79f48b229a1", ["properties"] = Record(activity, modified, targetType),
    }.ToJsonString();

    public static string LogAnalytics(string activity, string modified = "", string targetType = "Application")
    {
        var r = Record(activity, modified, targetType);
        return new JsonObject
        {
            ["TimeGenerated"] = Time, ["OperationName"] = activity, ["Category"] = "ApplicationManagement", ["Result"] = "success",
            ["ResultReason"] = "", ["Id"] = r["id"]!.GetValue<string>(), ["LoggedByService"] = "Core Directory",
            ["InitiatedBy"] = r["initiatedBy"]!.ToJsonString(), ["TargetResources"] = r["targetResources"]!.ToJsonString(),
            ["AdditionalDetails"] = "[]", ["ActivityDisplayName"] = activity, ["ActivityDateTime"] = Time, ["Type"] = "AuditLogs",
        }.ToJsonString();
    }

    private static JsonObject Record(string activity, string modified, string targetType) => new()
    {
        ["id"] = "Directory_0aa6fa01-68fd-4203-904e-33ad3360fb0e_SUDGV_21145416", ["category"] = "ApplicationManagement",
        ["correlationId"] = "0aa6fa01-68fd-4203-904e-33ad3360fb0e", ["result"] = "success", ["resultReason"] = "",
        ["activityDisplayName"] = activity, ["activityDateTime"] = Time, ["loggedByService"] = "Core Directory", ["operationType"] = "Update",
        ["initiatedBy"] = new JsonObject { ["user"] = new JsonObject { ["id"] = "5c56e994-6a04-46ca-9e7c-e389d21e2350", ["userPrincipalName"] = "admin@contoso.com" } },
        ["targetResources"] = new JsonArray(new JsonObject
        {
            ["id"] = "6e487aa5-1d6e-48ff-8fe3-115578d72198", ["displayName"] = "Legacy Test App", ["type"] = targetType,
            ["modifiedProperties"] = modified.Length == 0 ? new JsonArray() : JsonNode.Parse(modified),
        }),
        ["additionalDetails"] = new JsonArray(),
    };

    private static JsonObject Prop(string name, string? oldValue, string newValue) =>
        new() { ["displayName"] = name, ["oldValue"] = oldValue, ["newValue"] = newValue };
}

internal static class SignIn
{
    private const string Time = "2024-01-08T01:18:36Z";

    public static string Graph(int code, string requirement, string? details) => Record(code, requirement, details).ToJsonString();

    public static string Diagnostic(int code, string requirement, string? details) => new JsonObject
    {
        ["time"] = Time, ["category"] = "SignInLogs", ["operationName"] = "Sign-in activity", ["resultType"] = code.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["resultDescription"] = "description", ["callerIpAddress"] = "73.61.243.64", ["tenantId"] = "27eff462-4a2b-4038-82c8-e79f48b229a1",
        ["location"] = "US", ["properties"] = Record(code, requirement, details),
    }.ToJsonString();

    public static string LogAnalytics(int code, string requirement, string? details)
    {
        var r = Record(code, requirement, details);
        return new JsonObject
        {
            ["TenantId"] = "27eff462-4a2b-4038-82c8-e79f48b229a1", ["TimeGenerated"] = Time, ["OperationName"] = "Sign-in activity",
            ["Category"] = "SignInLogs", ["ResultType"] = code.ToString(System.Globalization.CultureInfo.InvariantCulture), ["ResultDescription"] = "description",
            ["Location"] = "US", ["AppDisplayName"] = "Office 365", ["AppId"] = r["appId"]!.GetValue<string>(), ["IPAddress"] = "73.61.243.64",
            ["Id"] = r["id"]!.GetValue<string>(), ["CreatedDateTime"] = Time, ["UserPrincipalName"] = "legacytest@contoso.com",
            ["AuthenticationRequirement"] = requirement, ["Status"] = r["status"]!.ToJsonString(), ["DeviceDetail"] = r["deviceDetail"]!.ToJsonString(),
            ["LocationDetails"] = r["location"]!.ToJsonString(), ["Type"] = "SigninLogs",
        }.ToJsonString();
    }

    public static string LogAnalyticsCsv(int code, string requirement, string? details)
    {
        var r = Record(code, requirement, details);
        return "TenantId,Category,ResultType,AppDisplayName,CreatedDateTime [UTC],Id,IPAddress,LocationDetails_dynamic,Status_dynamic,UserPrincipalName,AuthenticationRequirement,AADTenantId,Type\n"
            + $"27eff462-4a2b-4038-82c8-e79f48b229a1,SignInLogs,{code},Office 365,\"1/8/2024, 1:18:36.000 AM\",{r["id"]},73.61.243.64,{Csv(r["location"]!.ToJsonString())},{Csv(r["status"]!.ToJsonString())},legacytest@contoso.com,{requirement},27eff462-4a2b-4038-82c8-e79f48b229a1,SigninLogs\n";
    }

    private static string Csv(string cell) => "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static JsonObject Record(int code, string requirement, string? details) => new()
    {
        ["id"] = "1e766167-69e6-4146-8395-02b43115d048", ["createdDateTime"] = Time, ["userPrincipalName"] = "legacytest@contoso.com",
        ["userId"] = "26be570a-ae82-4189-b4e2-a37c6808512d", ["appId"] = "1b730954-1685-4b74-9bfa-1c8e3c7be1aa", ["appDisplayName"] = "Office 365",
        ["ipAddress"] = "73.61.243.64", ["clientAppUsed"] = "Browser", ["conditionalAccessStatus"] = "notApplied", ["isInteractive"] = true,
        ["authenticationRequirement"] = requirement,
        ["status"] = new JsonObject { ["errorCode"] = code, ["failureReason"] = code == 0 ? null : "failure", ["additionalDetails"] = details },
        ["deviceDetail"] = new JsonObject { ["deviceId"] = "", ["trustType"] = "" },
        ["location"] = new JsonObject { ["city"] = "Seattle", ["countryOrRegion"] = "US" },
    };
}

internal static class Ual
{
    public static JsonObject InboxRule(string parameter) => new()
    {
        ["CreationTime"] = "2024-01-08T20:38:00", ["Id"] = "070941e8-e5e0-4c77-8398-adb3a61afb26", ["Operation"] = "New-InboxRule",
        ["OrganizationId"] = "27eff462-4a2b-4038-82c8-e79f48b229a1", ["RecordType"] = 1, ["ResultStatus"] = "True", ["UserKey"] = "1003E3D7C3B9D3DB",
        ["UserType"] = 2, ["Version"] = 1, ["Workload"] = "Exchange", ["ClientIP"] = "203.0.113.7:52100", ["ObjectId"] = "james\\hide",
        ["UserId"] = "james.nguyen@contoso.com",
        ["Parameters"] = new JsonArray(NameValue("Name", "hide"), NameValue("SubjectContainsWords", "invoice"), NameValue(parameter, "True")),
    };

    public static JsonObject Alert(string name) => new()
    {
        ["CreationTime"] = "2024-01-08T21:00:00", ["Id"] = "7a1c6f0e-3a7b-4f44-9d7e-2b1f1c0d9e11", ["Operation"] = "AlertTriggered",
        ["OrganizationId"] = "27eff462-4a2b-4038-82c8-e79f48b229a1", ["RecordType"] = 40, ["UserKey"] = "SecurityComplianceAlerts", ["UserType"] = 4,
        ["Version"] = 1, ["Workload"] = "SecurityComplianceCenter", ["ObjectId"] = "d4c2f4a8-5b4e-4c6f-8a0b-0a3b1c2d3e4f",
        ["UserId"] = "SecurityComplianceAlerts", ["AlertId"] = "d4c2f4a8-5b4e-4c6f-8a0b-0a3b1c2d3e4f", ["AlertType"] = "System",
        ["Category"] = "ThreatManagement", ["Name"] = name, ["Severity"] = "Medium", ["Source"] = "Office 365 Security & Compliance", ["Status"] = "Active",
        ["Data"] = "{\"f3u\":\"james.nguyen@contoso.com\"}",
    };

    public static string Api(JsonObject record) => record.ToJsonString();

    public static string Elastic(JsonObject record) => new JsonObject { ["o365audit"] = record.DeepClone() }.ToJsonString();

    public static string CloudAppEvents(JsonObject record) => new JsonObject
    {
        ["Timestamp"] = "2024-01-08T20:38:00Z", ["ActionType"] = record["Operation"]!.GetValue<string>(), ["Application"] = "Microsoft Exchange Online",
        ["AccountObjectId"] = "5a95e683-08ad-424e-a441-1d1aec52c02c", ["IPAddress"] = "203.0.113.7", ["ActivityType"] = "Create",
        ["ReportId"] = "106830890_20893_" + record["Id"]!.GetValue<string>(), ["RawEventData"] = record.DeepClone(),
    }.ToJsonString();

    public static string PurviewCsv(JsonObject record) =>
        "RecordId,CreationDate,RecordType,Operation,UserId,AuditData\n"
        + $"{record["Id"]},{record["CreationTime"]}.0000000Z,ExchangeAdmin,{record["Operation"]},{record["UserId"]},\"{record.ToJsonString().Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n";

    public static string LogAnalytics(string parameter) => new JsonObject
    {
        ["TimeGenerated"] = "2024-01-08T20:38:00Z", ["RecordType"] = "ExchangeAdmin", ["Operation"] = "New-InboxRule",
        ["OrganizationId"] = "27eff462-4a2b-4038-82c8-e79f48b229a1", ["UserType"] = "Regular", ["OfficeWorkload"] = "Exchange", ["ResultStatus"] = "True",
        ["UserId"] = "james.nguyen@contoso.com", ["ClientIP"] = "203.0.113.7:52100", ["OfficeId"] = "070941e8-e5e0-4c77-8398-adb3a61afb26",
        ["Parameters"] = InboxRule(parameter)["Parameters"]!.ToJsonString(), ["Type"] = "OfficeActivity",
    }.ToJsonString();

    private static JsonObject NameValue(string name, string value) => new() { ["Name"] = name, ["Value"] = value };
}

internal static class Risk
{
    public static string Graph(string type) => Record(type).ToJsonString();

    public static string Diagnostic(string type) => new JsonObject
    {
        ["time"] = "2024-01-08T20:30:00Z", ["category"] = "UserRiskEvents", ["operationName"] = "User Risk Detection",
        ["tenantId"] = "27eff462-4a2b-4038-82c8-e79f48b229a1", ["properties"] = Record(type),
    }.ToJsonString();

    public static string LogAnalytics(string type) => new JsonObject
    {
        ["TimeGenerated"] = "2024-01-08T20:30:00Z", ["Id"] = "6a7be4b8-ff72-4d71-a4f1-dbc3b1a30a20", ["RiskEventType"] = type, ["RiskState"] = "atRisk",
        ["RiskLevel"] = "medium", ["UserPrincipalName"] = "alexw@contoso.com", ["DetectedDateTime"] = "2024-01-08T20:30:00Z",
        ["ActivityDateTime"] = "2024-01-08T20:29:00Z", ["IpAddress"] = "203.0.113.9", ["Type"] = "AADUserRiskEvents",
    }.ToJsonString();

    private static JsonObject Record(string type) => new()
    {
        ["id"] = "6a7be4b8-ff72-4d71-a4f1-dbc3b1a30a20", ["requestId"] = "6c5a8b6e-2a96-4a1b-8d3e-4f3b3c2e0e00", ["riskEventType"] = type,
        ["riskState"] = "atRisk", ["riskLevel"] = "medium", ["riskDetail"] = "none", ["source"] = "IdentityProtection", ["activity"] = "signin",
        ["ipAddress"] = "203.0.113.9", ["activityDateTime"] = "2024-01-08T20:29:00Z", ["detectedDateTime"] = "2024-01-08T20:30:00Z",
        ["userId"] = "e3d12dab-b8ce-49b8-bd62-45b6da75e9d7", ["userPrincipalName"] = "alexw@contoso.com",
    };
}
