using System.Text.Json;
using Daybreak.Decoders.Entra;
using Daybreak.Events;

namespace Daybreak.Decoders.Audits;

/// <summary>
/// Entra ID directory audits: the Graph <c>directoryAudit</c>, the diagnostic AuditLogs record (the directoryAudit
/// in <c>properties</c>), and the Log Analytics AuditLogs row, where InitiatedBy, TargetResources and
/// AdditionalDetails are JSON inside strings. KQL projections of AuditLogs (extra columns, a <c>Type</c> that is
/// not the table name) are read by their AuditLogs columns.
/// </summary>
internal sealed class AuditNormaliser : IRecordNormaliser
{
    private const string Category = "AuditLogs";

    public string Family => "audit";

    public IReadOnlyList<FormatInfo> Formats => AuditFormats.All;

    public bool Accepts(in RawRecord record)
    {
        var root = record.Root;
        if (AzureEnvelope.TryGetDiagnosticCategory(root, out var category)) return string.Equals(category, Category, StringComparison.OrdinalIgnoreCase);
        if (AzureEnvelope.TryGetTable(root, out var table) && string.Equals(table, Category, StringComparison.OrdinalIgnoreCase)) return true;
        return root.TryGet("activityDisplayName", out _)
            && (root.TryGet("initiatedBy", out _) || root.TryGet("targetResources", out _) || root.TryGet("loggedByService", out _));
    }

    public AuditEvent Normalise(in RawRecord record)
    {
        var root = record.Root;
        var diagnostic = AzureEnvelope.TryGetProperties(root, out var p);
        if (!diagnostic) p = root;
        var logAnalytics = !diagnostic && AzureEnvelope.IsLogAnalyticsRow(root);

        var evt = new AuditEvent
        {
            RecordId = RecordIds.For(SourceKind.Audit, p.Text("id"), record.Raw),
            Format = diagnostic ? AuditFormats.Diagnostic : logAnalytics ? AuditFormats.LogAnalytics : AuditFormats.Graph,
            Raw = record.Raw,
            Source = SourceKind.Audit,
            Time = p.Time("activityDateTime") ?? root.Time("time", "TimeGenerated")
                ?? throw new RecordRejectedException("audit record has no activityDateTime"),
            Operation = (p.Text("activityDisplayName") ?? root.Text("operationName")
                ?? throw new RecordRejectedException("audit record has no activityDisplayName")).Trim(),
            Category = p.Text("category") ?? root.Text("category"),
            TenantId = AzureEnvelope.TenantId(root, logAnalytics) ?? p.Text("tenantId"),
        };

        var result = p.Text("result");
        evt.Outcome.Code = result;
        evt.Outcome.Status = result?.ToUpperInvariant() switch
        {
            "SUCCESS" => OutcomeStatus.Success,
            "FAILURE" or "TIMEOUT" => OutcomeStatus.Failure,
            _ => OutcomeStatus.Unknown,
        };
        evt.Outcome.Reason = p.Text("resultReason");

        AuditInitiator.Apply(evt, p.Object("initiatedBy"));
        evt.Network.Ip ??= EntraFields.Ip(root.Text("callerIpAddress"));
        evt.Network.UserAgent = AdditionalDetail(p, "User-Agent") ?? root.Text("UserAgent");
        evt.Auth.CorrelationId = p.Text("correlationId") ?? root.Text("correlationId");

        foreach (var target in p.Array("targetResources")) evt.Targets.Add(AuditTargets.Read(target));
        AuditTargets.AssignAppId(evt.Targets, AdditionalDetail(p, "AppId"));
        evt.Auth.CredentialKeyId = AuditTargets.AddedCredentialKeyId(evt.Operation, evt.Targets);
        return evt;
    }

    private static string? AdditionalDetail(JsonElement p, string key)
    {
        foreach (var detail in p.Array("additionalDetails"))
        {
            if (string.Equals(detail.Str("key"), key, StringComparison.OrdinalIgnoreCase)) return detail.Str("value");
        }
        return null;
    }
}
