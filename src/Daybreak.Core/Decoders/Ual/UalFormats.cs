namespace Daybreak.Decoders.Ual;

/// <summary>The UAL format variants shown by <c>daybreak formats</c>, each with a trimmed real record.</summary>
internal static class UalFormats
{
    public static IReadOnlyList<FormatInfo> All { get; } =
    [
        new(UalVariant.Api,
            "Office 365 Management Activity API records (JSON array, NDJSON, or one object); also Microsoft-Extractor-Suite "
            + "UAL JSON. RecordType/UserType as numbers or names, numbers as strings, ClientIP with port.",
            """{"CreationTime":"2025-09-26T22:32:29","Id":"aaaaaaaa-bbbb-cccc-dddd-123456789012","Operation":"MailItemsAccessed","OrganizationId":"33333333-bbbb-cccc-dddd-123456789012","RecordType":50,"ResultStatus":"Succeeded","UserKey":"9876543210987656","UserType":0,"Workload":"Exchange","UserId":"user@example.com","ClientIPAddress":"203.0.113.145","ClientInfoString":"Client=WebServices;Apache-HttpAsyncClient/5.0","AppId":"7777777-6666-aaaa-bbbb-123456789012","MailboxOwnerUPN":"user@example.com","OperationCount":6,"OperationProperties":[{"Name":"MailAccessType","Value":"Bind"}],"Folders":[{"Path":"\\Sent Items","FolderItems":[{"InternetMessageId":"<AB8MB22NO1234@example.prod.outlook.com>","SizeInBytes":14593}]}]}"""),
        new(UalVariant.PurviewCsv,
            "Microsoft Purview audit search export (CSV; the UAL record is JSON in the AuditData column).",
            "RecordId,CreationDate,RecordType,Operation,UserId,AuditData\n"
            + "1c7412a6-858d-49ff-3f93-08d7ac0f45bf,2020-02-07T20:49:49.0000000Z,ExchangeAdmin,Set-Mailbox,user@contoso.com,"
            + "\"{\"\"CreationTime\"\":\"\"2020-02-07T20:49:49\"\",\"\"Id\"\":\"\"1c7412a6-858d-49ff-3f93-08d7ac0f45bf\"\",\"\"Operation\"\":\"\"Set-Mailbox\"\",\"\"RecordType\"\":1,\"\"Workload\"\":\"\"Exchange\"\",\"\"Parameters\"\":[{\"\"Name\"\":\"\"ForwardingSmtpAddress\"\",\"\"Value\"\":\"\"smtp:x@evil.example\"\"}]}\""),
        new(UalVariant.SearchCsv,
            "Search-UnifiedAuditLog results saved with Export-Csv (UTF-16 or UTF-8 with BOM, optional #TYPE line); "
            + "also Microsoft-Extractor-Suite UAL CSV. The record is JSON in AuditData.",
            "#TYPE Deserialized.Microsoft.Exchange.Management.SystemConfigurationTasks.UnifiedAuditLogEvent\n"
            + "\"RunspaceId\",\"RecordType\",\"CreationDate\",\"UserIds\",\"Operations\",\"AuditData\",\"ResultIndex\",\"ResultCount\",\"Identity\",\"IsValid\",\"ObjectState\"\n"
            + "\"f2b1c0de-1a2b-4c3d-8e4f-5a6b7c8d9e0f\",\"ExchangeItemAggregated\",\"8/2/2021 1:32:07 PM\",\"pgustavo@simulandlabs.com\",\"MailItemsAccessed\",\"{\"\"CreationTime\"\":\"\"2021-08-02T13:32:07\"\",\"\"Id\"\":\"\"699e0b10-1c53-403e-976f-ce0847a92b44\"\",\"\"Operation\"\":\"\"MailItemsAccessed\"\",\"\"RecordType\"\":50,\"\"Workload\"\":\"\"Exchange\"\",\"\"OperationProperties\"\":[{\"\"Name\"\":\"\"MailAccessType\"\",\"\"Value\"\":\"\"Bind\"\"}]}\",\"1\",\"1\",\"699e0b10-1c53-403e-976f-ce0847a92b44\",\"True\",\"Unchanged\""),
        new(UalVariant.SearchJson,
            "Search-UnifiedAuditLog results serialised as JSON (ConvertTo-Json), AuditData as a JSON string.",
            """{"RecordType":"ExchangeItemAggregated","CreationDate":"2021-08-02T13:32:07","UserIds":"pgustavo@simulandlabs.com","Operations":"MailItemsAccessed","AuditData":"{\"CreationTime\":\"2021-08-02T13:32:07\",\"Id\":\"699e0b10-1c53-403e-976f-ce0847a92b44\",\"Operation\":\"MailItemsAccessed\",\"RecordType\":50}","ResultIndex":1,"ResultCount":1}"""),
        new(UalVariant.LogAnalytics,
            "Log Analytics / Sentinel OfficeActivity table (JSON or portal CSV): OfficeWorkload, RecordType as a name, "
            + "Folders/OperationProperties/Parameters as JSON strings, OfficeId = the UAL Id.",
            """{"TimeGenerated":"2021-08-02T13:32:07Z","RecordType":"50","Operation":"MailItemsAccessed","OrganizationId":"00000000-0000-0000-0000-000000000000","UserType":"Regular","OfficeWorkload":"Exchange","ResultStatus":"Succeeded","UserId":"pgustavo@simulandlabs.com","MailboxOwnerUPN":"pgustavo@simulandlabs.com","ClientInfoString":"Client=REST;;","Client_IPAddress":"1.2.3.4","Folders":"[{\"FolderItems\":[{\"InternetMessageId\":\"<00000000-0000-0000-0000-000000000000@az.centralus.production.microsoft.com>\"}],\"Path\":\"\\\\Inbox\"}]","OfficeId":"699e0b10-1c53-403e-976f-ce0847a92b44","OperationProperties":"[{\"Name\":\"MailAccessType\",\"Value\":\"Bind\"},{\"Name\":\"IsThrottled\",\"Value\":\"False\"}]","AppId":"00000003-0000-0000-c000-000000000000","ClientAppId":"5a95e683-08ad-424e-a441-1d1aec52c02c","Type":"OfficeActivity"}"""),
        new(UalVariant.CloudAppEvents,
            "Defender XDR advanced hunting CloudAppEvents rows: the UAL record in RawEventData (PowerShell-stringified "
            + "Folders keep their path, not their items); rows without RawEventData are read from their own columns.",
            """{"Timestamp":"2021-08-02T13:32:07Z","ActionType":"MailItemsAccessed","Application":"Microsoft Exchange Online","AccountObjectId":"5a95e683-08ad-424e-a441-1d1aec52c02c","IPAddress":"1.2.3.4","ActivityType":"Run","ReportId":"106830890_20893_699e0b10-1c53-403e-976f-ce0847a92b44","RawEventData":{"CreationTime":"2021-08-02T13:32:07.0000000Z","Id":"699e0b10-1c53-403e-976f-ce0847a92b44","Operation":"MailItemsAccessed","RecordType":50,"Workload":"Exchange","OperationProperties":["@{Value=Bind; Name=MailAccessType}"],"Folders":["@{Id=LgAAAAAM7Ky...; Path=\\Inbox; FolderItems=System.Object[]}"],"ClientAppId":"5a95e683-08ad-424e-a441-1d1aec52c02c"}}"""),
        new(UalVariant.Elastic,
            "Elastic o365 documents: the UAL record under o365audit, or as text in event.original.",
            """{"o365audit":{"CreationTime":"2020-02-07T20:49:49","Id":"1c7412a6-858d-49ff-3f93-08d7ac0f45bf","Operation":"Set-Mailbox","RecordType":"1","UserType":"3","ResultStatus":"True","Workload":"Exchange","UserId":"NT AUTHORITY\\SYSTEM (Microsoft.Exchange.ServiceHost)"}}"""),
    ];
}
