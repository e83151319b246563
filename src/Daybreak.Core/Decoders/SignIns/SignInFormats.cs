namespace Daybreak.Decoders.SignIns;

/// <summary>The sign-in format variants, with trimmed real examples for <c>daybreak formats</c>.</summary>
internal static class SignInFormats
{
    public const string Graph = "signin.graph";
    public const string Diagnostic = "signin.diagnostic";
    public const string LogAnalytics = "signin.loganalytics";

    public static IReadOnlyList<FormatInfo> All { get; } =
    [
        new(Graph,
            "Entra sign-in as Microsoft Graph returns it (GET /auditLogs/signIns, v1.0 or beta): a {\"value\":[...]} page "
            + "with @odata.nextLink, a bare array, one object or NDJSON. All four sign-in types (beta signInEventTypes).",
            """
            {
             "id":"66ea54eb-6301-4ee5-be62-ff5a759b0100","createdDateTime":"2020-03-13T19:15:41.6195833Z",
             "userPrincipalName":"testaccount1@contoso.com","userId":"26be570a-ae82-4189-b4e2-a37c6808512d",
             "appId":"de8bc8b5-d9f9-48b1-a8ad-b748da725064","appDisplayName":"Graph Explorer","ipAddress":"131.107.159.37",
             "clientAppUsed":"Browser","conditionalAccessStatus":"notApplied","isInteractive":true,
             "status":{"errorCode":0,"failureReason":null},"location":{"city":"Redmond","countryOrRegion":"US"}
            }
            """),
        new(Diagnostic,
            "Azure Monitor diagnostic-settings export (storage account, Event Hub): {\"records\":[...]} or NDJSON, "
            + "category SignInLogs, NonInteractiveUserSignInLogs, ServicePrincipalSignInLogs, ManagedIdentitySignInLogs "
            + "or MicrosoftServicePrincipalSignInLogs, the Graph signIn in properties.",
            """
            {
             "time":"2019-10-18T09:45:48.0729893Z","category":"SignInLogs","resultType":"50140",
             "callerIpAddress":"81.2.69.144","tenantId":"8a4de8b5-095c-47d0-a96f-a75130c61d53",
             "properties":{"id":"8a4de8b5-095c-47d0-a96f-a75130c61d53","createdDateTime":"2019-10-18T04:45:48.0729893-05:00",
              "userPrincipalName":"test@elastic.co","appDisplayName":"Office 365","ipAddress":"81.2.69.144",
              "status":{"errorCode":50140,"failureReason":"This error occurred due to 'Keep me signed in' interrupt..."}}
            }
            """),
        new(LogAnalytics,
            "Log Analytics rows of SigninLogs, AADNonInteractiveUserSignInLogs, AADServicePrincipalSignInLogs or "
            + "AADManagedIdentitySignInLogs: JSON (az monitor log-analytics query, NDJSON) or the portal's CSV export "
            + "(\"CreatedDateTime [UTC]\" locale dates, X_dynamic/X_string pairs).",
            """
            TenantId,Category,ResultType,AppDisplayName,CreatedDateTime [UTC],Id,IPAddress,LocationDetails_dynamic,Status_dynamic,UserPrincipalName,AADTenantId,Type
            7c759f10-...,SignInLogs,0,Azure Portal,"4/28/2021, 2:08:45.221 PM",cfb68155-70f5-4e28-b046-0a3a7086c401,175.45.176.99,"{""countryOrRegion"":""IL"",""city"":""Azor""}","{""errorCode"":0}",adelev@m365x816222.onmicrosoft.com,2ad3fc79-...,SigninLogs
            """),
    ];
}
