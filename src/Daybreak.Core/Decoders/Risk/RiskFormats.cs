namespace Daybreak.Decoders.Risk;

/// <summary>The Identity Protection format variants, with trimmed real examples for <c>daybreak formats</c>.</summary>
internal static class RiskFormats
{
    public const string Graph = "risk.graph";
    public const string Diagnostic = "risk.diagnostic";
    public const string LogAnalytics = "risk.loganalytics";

    public static IReadOnlyList<FormatInfo> All { get; } =
    [
        new(Diagnostic,
            "Identity Protection from diagnostic settings: categories RiskyUsers, UserRiskEvents, RiskyServicePrincipals, "
            + "ServicePrincipalRiskEvents; {\"records\":[...]} or NDJSON; time may be US-locale.",
            """
            {
             "time":"8/22/2022 6:11:52 PM","operationName":"Risky user","category":"RiskyUsers","tenantId":"5611623b-9128-461e-9d7f-a0d9c270ead2",
             "properties":{"id":"51e26eae-d07b-44e5-bb0b-249f49569a8c","userDisplayName":"Joe Danger",
             "userPrincipalName":"joe.danger@mauriziobrancaoutlook.onmicrosoft.com","riskLastUpdatedDateTime":"2022-08-22T18:11:52.702Z",
             "riskState":"atRisk","riskDetail":"none","riskLevel":"medium"}
            }
            """),
        new(LogAnalytics,
            "Log Analytics AADRiskyUsers, AADUserRiskEvents, AADRiskyServicePrincipals, AADServicePrincipalRiskEvents rows.",
            """
            {
             "TimeGenerated":"2022-08-22T18:12:10Z","Id":"51e26eae-d07b-44e5-bb0b-249f49569a8c","UserPrincipalName":"joe.danger@mauriziobrancaoutlook.onmicrosoft.com",
             "RiskLastUpdatedDateTime":"2022-08-22T18:11:52.702Z","RiskState":"atRisk","RiskLevel":"medium","Type":"AADRiskyUsers"
            }
            """),
        new(Graph,
            "Graph identityProtection riskyUsers, riskDetections, riskyServicePrincipals, servicePrincipalRiskDetections objects.",
            """
            {
             "id":"6a7be4b8-ff72-4d71-a4f1-dbc3b1a30a20","riskEventType":"unfamiliarFeatures","riskLevel":"medium","riskState":"atRisk",
             "detectedDateTime":"2018-11-05T21:01:52Z","userId":"e3d12dab-b8ce-49b8-bd62-45b6da75e9d7",
             "userPrincipalName":"alexw@contoso.com","ipAddress":"123.456.789.0","requestId":"6c5a8b6e-2a96-4a1b-8d3e-4f3b3c2e0e00"
            }
            """),
    ];
}
