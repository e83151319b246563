namespace Daybreak.Decoders.GraphActivity;

/// <summary>The Graph activity log format variants, with trimmed real examples for <c>daybreak formats</c>.</summary>
internal static class GraphActivityFormats
{
    public const string Diagnostic = "graphactivity.diagnostic";
    public const string LogAnalytics = "graphactivity.loganalytics";

    public static IReadOnlyList<FormatInfo> All { get; } =
    [
        new(Diagnostic,
            "Microsoft Graph activity logs from diagnostic settings (category MicrosoftGraphActivityLogs): "
            + "{\"records\":[...]} or NDJSON, one Graph HTTP request per record in properties.",
            """
            {
             "time":"2024-03-07T11:47:00.6442361Z","category":"MicrosoftGraphActivityLogs","tenantId":"a140785b-418d-4344-a4ec-8e9648919gdb",
             "properties":{"requestId":"f7739da0-e6d1-4e3f-985a-64937fbge347","requestMethod":"GET",
             "requestUri":"https://graph.microsoft.com/v1.0/organization/a140785b-418d-4344-a4ec-8e9648919gdb?$select=Id,DisplayName",
             "responseStatusCode":200,"ipAddress":"2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6","appId":"a5a68e12-268a-3c91-a5e2-b9254e67hb29",
             "servicePrincipalId":"f2aq4c71-31e3-5066-92g3-4b3dfbav50f0","signInActivityId":"sign-in_ActivityId","roles":"Organization.Read.All User.Read.All"}
            }
            """),
        new(LogAnalytics,
            "Log Analytics MicrosoftGraphActivityLogs rows as JSON, NDJSON or portal CSV.",
            """
            {
             "TimeGenerated":"2024-03-07T10:35:31.9597832Z","RequestId":"f7739jk0-e6d1-4e3f-985a-64937fbge367","RequestMethod":"GET",
             "RequestUri":"https://graph.microsoft.com/v1.0/me/photos/96x96/$value","ResponseStatusCode":404,"IPAddress":"81.2.69.143",
             "AppId":"a5a68e12-268a-3c91-a5e2-b9254e67hb29","UserId":"b37ec517-0a34-4266-b627-f7bb0d679d70",
             "SignInActivityId":"sign-in_ActivityId","Type":"MicrosoftGraphActivityLogs"
            }
            """),
    ];
}
