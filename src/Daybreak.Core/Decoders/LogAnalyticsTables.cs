namespace Daybreak.Decoders;

/// <summary>The Log Analytics tables Daybreak reads, by the log family whose normaliser reads their rows.</summary>
internal static class LogAnalyticsTables
{
    /// <summary>The family (signin, audit, ual, graphactivity, risk) of a table named in a row's Type column, or null.</summary>
    public static string? FamilyOf(string table)
    {
        if (SignIns.SignInCategories.FromTable(table) is not null) return "signin";
        if (Risk.RiskCategories.FromTable(table) is not null) return "risk";
        return table.ToUpperInvariant() switch
        {
            "AUDITLOGS" => "audit",
            "OFFICEACTIVITY" => "ual",
            "MICROSOFTGRAPHACTIVITYLOGS" => "graphactivity",
            _ => null,
        };
    }
}
