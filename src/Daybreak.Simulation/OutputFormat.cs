namespace Daybreak.Simulation;

/// <summary>Export formats the simulator writes. A source is written in every selected format it exists in.</summary>
public enum OutputFormat
{
    /// <summary>Graph API pages {"@odata.context", "value":[...], "@odata.nextLink"} for signIns and directoryAudits.</summary>
    Graph,

    /// <summary>Azure Monitor diagnostic settings export to a storage account (JSON lines, PT1H.json blobs).</summary>
    Diagnostic,

    /// <summary>Log Analytics table rows as JSON lines (SigninLogs, AuditLogs, OfficeActivity, MicrosoftGraphActivityLogs...).</summary>
    LogAnalytics,

    /// <summary>Office 365 Management Activity API content blobs (JSON arrays of UAL records).</summary>
    UalApi,

    /// <summary>Purview audit search CSV export (AuditData column holds the UAL JSON).</summary>
    PurviewCsv,

    /// <summary>Each source and day in a different variant of the above, some gzipped.</summary>
    Mixed,
}
