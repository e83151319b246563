namespace Daybreak.Decoders.Containers;

/// <summary>
/// File layouts that hold records of any family, beyond a JSON document, NDJSON and CSV, for <c>daybreak formats</c>.
/// Their records keep the format name of the row they hold (a query API row of SigninLogs is <c>signin.loganalytics</c>).
/// </summary>
public static class ContainerFormats
{
    /// <summary>The family name these entries are listed under.</summary>
    public const string Family = "container";

    public const string LogAnalyticsQuery = "container.loganalytics-query";

    public static IReadOnlyList<FormatInfo> All { get; } =
    [
        new(LogAnalyticsQuery,
            "Azure Monitor Logs query API results (POST api.loganalytics.io/v1/workspaces/{id}/query, or .../api/query) "
            + "as saved by responders: {\"tables\":[{\"name\",\"columns\",\"rows\"}]}, also the older "
            + "{\"Tables\":[{\"TableName\",\"Columns\":[{\"ColumnName\",\"DataType\",\"ColumnType\"}],\"Rows\"}]}. Streamed row by "
            + "row; each row goes to the normaliser of the table in its Type column (SigninLogs, AADNonInteractiveUserSignInLogs, "
            + "AADServicePrincipalSignInLogs, AADManagedIdentitySignInLogs, AuditLogs, OfficeActivity, MicrosoftGraphActivityLogs, "
            + "AAD risk tables), else by its columns. The raw record is the row as a JSON object of column -> cell.",
            """
            {"tables":[{"name":"PrimaryResult",
             "columns":[{"name":"TimeGenerated","type":"datetime"},{"name":"CreatedDateTime","type":"datetime"},{"name":"Id","type":"string"},
              {"name":"UserPrincipalName","type":"string"},{"name":"IPAddress","type":"string"},{"name":"ResultType","type":"string"},
              {"name":"Status","type":"dynamic"},{"name":"AADTenantId","type":"string"},{"name":"Type","type":"string"}],
             "rows":[["2024-05-01T08:15:30.1234567Z","2024-05-01T08:15:30.1234567Z","66ea54eb-6301-4ee5-be62-ff5a759b0100",
              "meganb@contoso.com","203.0.113.7","50126","{\"errorCode\":50126}","2ad3fc79-1859-42fa-9011-6f8df2251b22","SigninLogs"]]}]}
            """),
    ];
}
