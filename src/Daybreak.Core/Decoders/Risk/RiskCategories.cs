using System.Collections.Frozen;
using System.Text.Json;

namespace Daybreak.Decoders.Risk;

/// <summary>The Identity Protection logs: two state snapshots (risky users, risky service principals) and two detection streams.</summary>
internal static class RiskCategories
{
    public const string RiskyUsers = "RiskyUsers";
    public const string UserRiskEvents = "UserRiskEvents";
    public const string RiskyServicePrincipals = "RiskyServicePrincipals";
    public const string ServicePrincipalRiskEvents = "ServicePrincipalRiskEvents";

    // Each name under any casing, to its canonical spelling: looked up once per record.
    private static readonly FrozenDictionary<string, string> Diagnostic =
        new[] { RiskyUsers, UserRiskEvents, RiskyServicePrincipals, ServicePrincipalRiskEvents }.ToFrozenDictionary(c => c, StringComparer.OrdinalIgnoreCase);

    public static string? FromDiagnostic(string category) => Diagnostic.GetValueOrDefault(category);

    /// <summary>Log Analytics names the tables AADRiskyUsers, AADUserRiskEvents and so on.</summary>
    public static string? FromTable(string table) =>
        table.StartsWith("AAD", StringComparison.OrdinalIgnoreCase) ? FromDiagnostic(table[3..]) : null;

    /// <summary>The category of a Graph riskyUser, riskDetection, riskyServicePrincipal or servicePrincipalRiskDetection.</summary>
    public static string FromGraph(JsonElement record)
    {
        var servicePrincipal = record.Str("servicePrincipalId", "servicePrincipalDisplayName") is not null
            || (record.Str("appId") is not null && record.Str("userPrincipalName") is null);
        var detection = record.Str("riskEventType") is not null;
        return (servicePrincipal, detection) switch
        {
            (true, true) => ServicePrincipalRiskEvents,
            (true, false) => RiskyServicePrincipals,
            (false, true) => UserRiskEvents,
            _ => RiskyUsers,
        };
    }

    public static bool IsServicePrincipal(string category) => category is RiskyServicePrincipals or ServicePrincipalRiskEvents;

    /// <summary>Snapshots describe an identity's current risk, so the same id recurs as its state changes.</summary>
    public static bool IsSnapshot(string category) => category is RiskyUsers or RiskyServicePrincipals;
}
