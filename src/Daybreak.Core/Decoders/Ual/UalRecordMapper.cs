using System.Text.Json;
using System.Text.RegularExpressions;
using Daybreak.Events;

namespace Daybreak.Decoders.Ual;

/// <summary>Maps one UAL record (API names or Log Analytics OfficeActivity names) to an <see cref="AuditEvent"/>.</summary>
internal static partial class UalRecordMapper
{
    private static readonly string[] TimeFields = ["CreationTime", "TimeGenerated", "Start_Time", "ElevationTime"];

    public static AuditEvent Map(in RawRecord record, string format)
    {
        var root = record.Root;
        var operation = !root.TryGet("Operation", out var op) ? ""
            : op.ValueKind == JsonValueKind.String ? op.GetString()!
            : throw new RecordRejectedException($"Operation is a {op.ValueKind}, expected a string");
        var evt = new AuditEvent
        {
            RecordId = RecordIds.For(SourceKind.Ual, root.Str("Id", "OfficeId", "SourceRecordId") ?? EnvelopeId(record.Envelope), record.Raw),
            Format = format,
            Source = SourceKind.Ual,
            Raw = record.Raw,
            Time = Time(root, record.Envelope),
            TenantId = root.Str("OrganizationId")?.ToLowerInvariant(),
            Category = root.Str("Workload", "OfficeWorkload") ?? UalCodes.RecordTypeName(root),
            Operation = operation,
        };
        var operationProperties = NameValues.Read(root, "OperationProperties");
        var modified = NameValues.Read(root, "ModifiedProperties");
        var extended = NameValues.Read(root, "ExtendedProperties");

        SetOutcome(evt.Outcome, root, extended);
        UalActorMapper.Map(evt.Actor, root);
        SetNetwork(evt.Network, root, extended);
        SetAuth(evt.Auth, root, modified);
        SetTargets(evt, root, modified, IsMailAccess(operationProperties) ? [] : operationProperties);
        if (MailAccessReader.IsMailboxRecord(root)) evt.Mail = MailAccessReader.Read(root, operationProperties);
        return evt;
    }

    private static DateTime Time(JsonElement root, JsonElement envelope)
    {
        foreach (var name in TimeFields)
        {
            if (!root.TryGet(name, out var v)) continue;
            if (v.ValueKind != JsonValueKind.String) throw new RecordRejectedException($"{name} is a {v.ValueKind}, expected a date string");
            return Timestamps.Parse(v.GetString());
        }
        if (envelope.ValueKind == JsonValueKind.Object && envelope.Str("CreationDate") is { } date) return Timestamps.Parse(date);
        throw new RecordRejectedException("no CreationTime");
    }

    private static string? EnvelopeId(JsonElement envelope) =>
        envelope.ValueKind == JsonValueKind.Object ? envelope.Str("RecordId", "Identity") : null;

    private static void SetOutcome(Outcome outcome, JsonElement root, List<ModifiedProperty> extended)
    {
        var status = root.Str("ResultStatus");
        outcome.Status = status?.Trim().ToLowerInvariant() switch
        {
            "succeeded" or "success" or "true" or "partiallysucceeded" => OutcomeStatus.Success,
            "failed" or "failure" or "false" => OutcomeStatus.Failure,
            _ => OutcomeStatus.Unknown,
        };
        var error = root.Str("ErrorNumber");
        outcome.Code = error is not null && error != "0" ? error : status;
        outcome.Reason = root.Str("LogonError") ?? NameValues.Find(extended, "ResultStatusDetail");
    }

    private static void SetNetwork(Network network, JsonElement root, List<ModifiedProperty> extended)
    {
        network.Ip = IpAddresses.Strip(root.Str("ClientIPAddress", "ClientIP", "Client_IPAddress", "ActorIpAddress"));
        var clientInfo = root.Str("ClientInfoString");
        network.UserAgent = root.Str("UserAgent") ?? NameValues.Find(extended, "UserAgent") ?? clientInfo;
        if (clientInfo is not null && ClientFamily().Match(clientInfo) is { Success: true } m) network.ClientApp = m.Groups[1].Value;
    }

    private static void SetAuth(Authentication auth, JsonElement root, List<ModifiedProperty> modified)
    {
        auth.SessionId = root.Str("SessionId", "AppAccessContext.AADSessionId");
        auth.UniqueTokenId = root.Str("AppAccessContext.UniqueTokenId");
        auth.CorrelationId = root.Str("CorrelationId");
        foreach (var p in modified)
        {
            if (p.NewValue is not null && KeyIdentifier().Match(p.NewValue) is { Success: true } key)
            {
                auth.CredentialKeyId = key.Groups[1].Value.ToLowerInvariant();
                break;
            }
        }
    }

    /// <summary>MailItemsAccessed and AttachmentAccess describe the access in OperationProperties, not a change.</summary>
    private static bool IsMailAccess(List<ModifiedProperty> operationProperties) =>
        NameValues.Find(operationProperties, "MailAccessType") is not null || NameValues.Find(operationProperties, "AttachmentAccessType") is not null;

    /// <summary>
    /// The object acted on, carrying what changed: ModifiedProperties, the cmdlet Parameters of Exchange admin
    /// records (ForwardTo, DeleteMessage, AccessRights, Role...) and the OperationProperties of item operations such
    /// as UpdateInboxRules, each as Name -> NewValue. A mailbox record also targets the mailbox.
    /// </summary>
    private static void SetTargets(AuditEvent evt, JsonElement root, List<ModifiedProperty> modified, List<ModifiedProperty> operationProperties)
    {
        Target? primary = null;
        if ((AadIdentities.Read(root, "Target") ?? AadIdentities.Read(root, "AADTarget")) is { } entity)
            primary = new Target { Kind = entity.Kind ?? "Other", Id = entity.ObjectId, Name = entity.Upn ?? entity.Name };
        else if (root.Str("ObjectId", "OfficeObjectId") is { } objectId)
            primary = new Target { Kind = root.Str("ItemType") ?? "Other", Id = objectId, Name = objectId };

        var parameters = NameValues.Read(root, "Parameters");
        if (primary is null && (modified.Count > 0 || parameters.Count > 0 || operationProperties.Count > 0)) primary = new Target { Kind = "Other" };
        if (primary is not null)
        {
            primary.ModifiedProperties.AddRange(modified);
            primary.ModifiedProperties.AddRange(parameters);
            primary.ModifiedProperties.AddRange(operationProperties);
            evt.Targets.Add(primary);
        }

        var owner = root.Str("MailboxOwnerUPN")?.ToLowerInvariant();
        var guid = root.Str("MailboxGuid")?.ToLowerInvariant();
        if (owner is not null || guid is not null) evt.Targets.Add(new Target { Kind = "Mailbox", Id = guid, Name = owner });
    }

    [GeneratedRegex(@"Client=([^;]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ClientFamily();

    [GeneratedRegex(@"KeyIdentifier=([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdentifier();
}
