using Daybreak.Events;
using Daybreak.Rules.Sigma;

namespace Daybreak.Detection.Sigma;

/// <summary>
/// The SigmaHQ log sources a record belongs to: azure/signinlogs for users' sign-ins (interactive and not),
/// azure/auditlogs (and azure/pim for PIM's own audit records), azure/riskdetection, and m365/audit for every UAL
/// record, plus m365/exchange for Exchange records and m365/threat_management and threat_detection for Security &amp;
/// Compliance Center (alert) records. Graph activity logs have no SigmaHQ log source. azure/activitylogs (the ARM
/// activity log) is not ingested at all.
/// </summary>
/// <remarks>
/// Service principal and managed identity sign-ins have no SigmaHQ log source either. SigmaHQ's signinlogs rules are
/// written for the SignInLogs table, where a user signs in: an app signing in with its own credential is always single
/// factor and has no device, so "Only Single Factor Authentication Required" and "Sign-ins from Non-Compliant Devices"
/// fired on every sign-in of every app (on the simulator's 300 users × 14 days, 8 of the 22 incidents that matched no
/// attack were such apps, with 1,300 alerts each). Daybreak's own detections read those sign-ins.
/// </remarks>
public static class CommunityRouting
{
    public static readonly SigmaLogSource SignInLogs = new("azure", "signinlogs", null);
    public static readonly SigmaLogSource AuditLogs = new("azure", "auditlogs", null);
    public static readonly SigmaLogSource Pim = new("azure", "pim", null);
    public static readonly SigmaLogSource RiskDetection = new("azure", "riskdetection", null);
    public static readonly SigmaLogSource M365Audit = new("m365", "audit", null);
    public static readonly SigmaLogSource M365Exchange = new("m365", "exchange", null);
    public static readonly SigmaLogSource M365ThreatManagement = new("m365", "threat_management", null);
    public static readonly SigmaLogSource M365ThreatDetection = new("m365", "threat_detection", null);

    private static readonly SigmaLogSource[] SignIn = [SignInLogs];
    private static readonly SigmaLogSource[] Audit = [AuditLogs];
    private static readonly SigmaLogSource[] AuditPim = [AuditLogs, Pim];
    private static readonly SigmaLogSource[] Risk = [RiskDetection];
    private static readonly SigmaLogSource[] Ual = [M365Audit];
    private static readonly SigmaLogSource[] UalExchange = [M365Audit, M365Exchange];
    private static readonly SigmaLogSource[] UalAlerts = [M365Audit, M365ThreatManagement, M365ThreatDetection];

    public static IReadOnlyList<SigmaLogSource> Route(AuditEvent evt) => evt.Source switch
    {
        SourceKind.SignIn => IsAppSignIn(evt) ? [] : SignIn,
        SourceKind.Audit => IsPim(evt) ? AuditPim : Audit,
        SourceKind.Risk => Risk,
        SourceKind.Ual => evt.Category switch
        {
            { } w when w.Equals("Exchange", StringComparison.OrdinalIgnoreCase) => UalExchange,
            { } w when w.Equals("SecurityComplianceCenter", StringComparison.OrdinalIgnoreCase) => UalAlerts,
            _ => Ual,
        },
        _ => [],
    };

    /// <summary>A sign-in by a service principal or managed identity, by the log's family or by who signed in.</summary>
    private static bool IsAppSignIn(AuditEvent evt) =>
        evt.Actor.Kind is ActorKind.ServicePrincipal or ActorKind.ManagedIdentity or ActorKind.App
        || string.Equals(evt.Auth.SignInType, "servicePrincipal", StringComparison.OrdinalIgnoreCase)
        || string.Equals(evt.Auth.SignInType, "managedIdentity", StringComparison.OrdinalIgnoreCase);

    /// <summary>PIM writes its audit records with loggedByService "PIM"; role assignments are category RoleManagement.</summary>
    /// <remarks>The raw record is searched as the UTF-8 bytes it is held as, where it is: asking for its text would
    /// make (and keep) a UTF-16 copy of every audit record routed.</remarks>
    private static bool IsPim(AuditEvent evt)
    {
        if (string.Equals(evt.Category, "RoleManagement", StringComparison.OrdinalIgnoreCase)) return true;
        var utf8 = evt.RawUtf8();
        return utf8.IsEmpty ? evt.Raw.Contains("\"PIM\"", StringComparison.Ordinal) : utf8.Span.IndexOf("\"PIM\""u8) >= 0;
    }
}
