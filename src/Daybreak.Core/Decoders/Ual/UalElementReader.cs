using System.Text.Json;

namespace Daybreak.Decoders.Ual;

/// <summary>
/// Reads a <see cref="UalRecord"/> from a parsed record of any export (API names or Log Analytics OfficeActivity
/// names, JSON inside strings, PowerShell renderings). Fields are read in the order the mapping needs them, so the
/// first problem found is the one a rejection names.
/// </summary>
internal static class UalElementReader
{
    private static readonly string[] TimeFields = ["CreationTime", "TimeGenerated", "Start_Time", "ElevationTime"];

    public static UalRecord Read(in RawRecord record)
    {
        var root = record.Root;
        var r = new UalRecord
        {
            Operation = !root.TryGet("Operation", out var op) ? ""
                : op.ValueKind == JsonValueKind.String ? op.StringValue()!
                : throw new RecordRejectedException($"Operation is a {op.ValueKind}, expected a string"),
            Id = root.Str("Id", "OfficeId", "SourceRecordId") ?? EnvelopeId(record.Envelope),
            Time = Time(root, record.Envelope),
            OrganizationId = root.Str("OrganizationId"),
            Workload = root.Str("Workload", "OfficeWorkload"),
            RecordType = root.Str("RecordType"),
            OperationProperties = NameValues.Read(root, "OperationProperties"),
            ModifiedProperties = NameValues.Read(root, "ModifiedProperties"),
            ExtendedProperties = NameValues.Read(root, "ExtendedProperties"),
            ResultStatus = root.Str("ResultStatus"),
            ErrorNumber = root.Str("ErrorNumber"),
            LogonError = root.Str("LogonError"),
            UserType = root.Str("UserType"),
            UserId = root.Str("UserId"),
            UserKey = root.Str("UserKey"),
            Actor = AadIdentities.Read(root, "Actor"),
            ClientAppId = root.Str("ClientAppId", "AppAccessContext.ClientAppId"),
            AppId = root.Str("AppId"),
            ApplicationId = root.Str("ApplicationId"),
            TokenObjectId = root.Str("TokenObjectId"),
            ClientIp = root.Str("ClientIPAddress", "ClientIP", "Client_IPAddress", "ActorIpAddress"),
            ClientInfoString = root.Str("ClientInfoString"),
            UserAgent = root.Str("UserAgent"),
            SessionId = root.Str("SessionId", "AppAccessContext.AADSessionId"),
            UniqueTokenId = root.Str("AppAccessContext.UniqueTokenId"),
            CorrelationId = root.Str("CorrelationId"),
            Target = AadIdentities.Read(root, "Target") ?? AadIdentities.Read(root, "AADTarget"),
            ObjectId = root.Str("ObjectId", "OfficeObjectId"),
            ItemType = root.Str("ItemType"),
            Parameters = NameValues.Read(root, "Parameters"),
            MailboxOwnerUpn = root.Str("MailboxOwnerUPN"),
            MailboxGuid = root.Str("MailboxGuid"),
        };
        if (MailAccessReader.IsMailboxRecord(root))
        {
            r.OperationCount = root.TryGet("OperationCount", out var count) ? JsonFields.AsText(count) : null;
            r.MailFolders = MailAccessReader.ReadFolders(root);
        }
        return r;
    }

    private static DateTime Time(JsonElement root, JsonElement envelope)
    {
        foreach (var name in TimeFields)
        {
            if (!root.TryGet(name, out var v)) continue;
            if (v.ValueKind != JsonValueKind.String) throw new RecordRejectedException($"{name} is a {v.ValueKind}, expected a date string");
            return Timestamps.Parse(v.StringValue());
        }
        if (envelope.ValueKind == JsonValueKind.Object && envelope.Str("CreationDate") is { } date) return Timestamps.Parse(date);
        throw new RecordRejectedException("no CreationTime");
    }

    private static string? EnvelopeId(JsonElement envelope) =>
        envelope.ValueKind == JsonValueKind.Object ? envelope.Str("RecordId", "Identity") : null;
}
