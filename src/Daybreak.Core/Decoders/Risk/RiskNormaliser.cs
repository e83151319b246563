using System.Text.Json;
using Daybreak.Decoders.Entra;
using Daybreak.Events;

namespace Daybreak.Decoders.Risk;

/// <summary>
/// Identity Protection records: RiskyUsers, UserRiskEvents, RiskyServicePrincipals, ServicePrincipalRiskEvents, as
/// diagnostic records (whose <c>time</c> may be US-locale, <c>8/22/2022 6:11:52 PM</c>), Log Analytics AAD* rows or
/// Graph objects. The actor is the identity at risk; the outcome carries the risk: Code is the risk level
/// (low, medium, high), Reason the risk state and detail (<c>atRisk; adminConfirmedUserCompromised</c>).
/// </summary>
internal sealed class RiskNormaliser : IRecordNormaliser
{
    public string Family => "risk";

    public IReadOnlyList<FormatInfo> Formats => RiskFormats.All;

    public bool Accepts(in RawRecord record)
    {
        var root = record.Root;
        if (AzureEnvelope.TryGetDiagnosticCategory(root, out var category)) return RiskCategories.FromDiagnostic(category) is not null;
        if (AzureEnvelope.TryGetTable(root, out var table) && RiskCategories.FromTable(table) is not null) return true;
        return root.TryGet("riskLevel", out _) && root.TryGet("riskState", out _)
            && (root.TryGet("riskEventType", out _) || root.TryGet("riskLastUpdatedDateTime", out _));
    }

    public AuditEvent Normalise(in RawRecord record)
    {
        var root = record.Root;
        var diagnostic = AzureEnvelope.TryGetProperties(root, out var p);
        if (!diagnostic) p = root;
        var logAnalytics = !diagnostic && AzureEnvelope.IsLogAnalyticsRow(root);
        var category = Category(root, p, diagnostic);
        var snapshot = RiskCategories.IsSnapshot(category);

        var evt = new AuditEvent
        {
            RecordId = RecordIds.For(SourceKind.Risk, SourceId(p, snapshot), record.Raw),
            Format = diagnostic ? RiskFormats.Diagnostic : logAnalytics ? RiskFormats.LogAnalytics : RiskFormats.Graph,
            Raw = record.Raw,
            Source = SourceKind.Risk,
            Category = category,
            Operation = p.Text("riskEventType") ?? root.Text("operationName") ?? (RiskCategories.IsServicePrincipal(category) ? "Risky service principal" : "Risky user"),
            Time = (diagnostic ? root.Time("time") : null)
                ?? p.Time("detectedDateTime", "riskLastUpdatedDateTime", "activityDateTime", "TimeGenerated")
                ?? throw new RecordRejectedException("risk record has no time"),
            TenantId = AzureEnvelope.TenantId(root, logAnalytics),
        };

        evt.Outcome.Status = OutcomeStatus.Unknown;
        evt.Outcome.Code = p.Text("riskLevel");
        var state = p.Text("riskState");
        var detail = p.Text("riskDetail");
        evt.Outcome.Reason = detail is null or "none" ? state : state + "; " + detail;

        var actor = evt.Actor;
        if (RiskCategories.IsServicePrincipal(category))
        {
            actor.Kind = ActorKind.ServicePrincipal;
            actor.ObjectId = p.Text("servicePrincipalId") ?? (snapshot ? p.Text("id") : null);
            actor.AppId = p.Text("appId");
            actor.DisplayName = p.Text("servicePrincipalDisplayName", "displayName");
        }
        else
        {
            actor.Kind = ActorKind.User;
            actor.ObjectId = p.Text("userId") ?? (snapshot ? p.Text("id") : null);
            actor.Upn = p.Upn("userPrincipalName");
            actor.DisplayName = p.Text("userDisplayName");
        }

        evt.Network.Ip = EntraFields.Ip(p.Text("ipAddress"));
        evt.Network.Country = p.Str("location.countryOrRegion");
        evt.Network.City = p.Str("location.city");
        evt.Auth.CorrelationId = p.Text("correlationId");
        evt.Auth.TokenIssuerType = p.Text("tokenIssuerType");
        evt.Auth.SignInActivityId = p.Text("requestId");
        return evt;
    }

    private static string Category(JsonElement root, JsonElement p, bool diagnostic)
    {
        if (diagnostic && AzureEnvelope.TryGetDiagnosticCategory(root, out var c) && RiskCategories.FromDiagnostic(c) is { } fromDiag) return fromDiag;
        if (AzureEnvelope.TryGetTable(root, out var table) && RiskCategories.FromTable(table) is { } fromTable) return fromTable;
        return RiskCategories.FromGraph(p);
    }

    /// <summary>Detections have their own id; a snapshot's id is the identity's, so its update time makes it one record.</summary>
    private static string? SourceId(JsonElement p, bool snapshot)
    {
        var id = p.Text("id");
        if (!snapshot || id is null) return id;
        return p.Text("riskLastUpdatedDateTime") is { } updated ? id + "@" + updated : null;
    }
}
