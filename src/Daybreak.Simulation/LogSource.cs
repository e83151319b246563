namespace Daybreak.Simulation;

/// <summary>The log sources the simulator writes.</summary>
public enum LogSource
{
    /// <summary>Entra sign-ins: interactive, non-interactive and service principal.</summary>
    SignIns,

    /// <summary>Entra directory audits (AuditLogs).</summary>
    DirectoryAudits,

    /// <summary>Microsoft 365 Unified Audit Log (Exchange workload).</summary>
    UnifiedAuditLog,

    /// <summary>Microsoft Graph activity logs.</summary>
    GraphActivity,
}
