using System.Text.Json;
using Daybreak.Events;

namespace Daybreak.Decoders.Ual;

/// <summary>
/// A Defender XDR CloudAppEvents row without a usable RawEventData (Defender leaves it null for some Entra
/// operations). Its ReportId ends with the UAL record id (<c>106830890_11161_&lt;Id&gt;</c>), so the record id still
/// matches the same record read from the UAL itself.
/// </summary>
internal static class CloudAppEventsRow
{
    public static AuditEvent Normalise(in RawRecord record)
    {
        var row = record.Root;
        var time = row.TryGet("Timestamp", out var ts) && ts.ValueKind == JsonValueKind.String
            ? Timestamps.Parse(ts.StringValue())
            : throw new RecordRejectedException("CloudAppEvents row has no Timestamp string");
        var evt = new AuditEvent
        {
            RecordId = RecordIds.For(SourceKind.Ual, UalId(row.Str("ReportId")), record.Raw),
            Format = UalVariant.CloudAppEvents,
            Source = SourceKind.Ual,
            Raw = record.Raw,
            Time = time,
            Category = row.Str("Application"),
            Operation = row.Str("ActionType")!,
        };
        var upn = row.Str("AccountUpn", "UserId");
        evt.Actor.Upn = upn?.Contains('@') == true ? upn.ToLowerInvariant() : null;
        evt.Actor.ObjectId = row.Str("AccountObjectId")?.ToLowerInvariant();
        evt.Actor.DisplayName = row.Str("AccountDisplayName");
        evt.Actor.AppId = row.Str("OAuthAppId", "AppId")?.ToLowerInvariant();
        evt.Actor.Kind = evt.Actor.Upn is not null ? ActorKind.User : ActorKind.Unknown;

        evt.Network.Ip = IpAddresses.Strip(row.Str("IPAddress"));
        evt.Network.Country = row.Str("CountryCode");
        evt.Network.City = row.Str("City");
        evt.Network.UserAgent = row.Str("UserAgent", "UserAgent_string");

        foreach (var obj in row.Array("ActivityObjects"))
        {
            if (obj.ValueKind != JsonValueKind.Object || obj.Str("Role") != "Target object") continue;
            evt.Targets.Add(new Target { Kind = obj.Str("Type"), Id = obj.Str("Id"), Name = obj.Str("Name") });
        }
        if (row.Str("Permissions") is { } permissions)
        {
            var target = new Target { Kind = "ServicePrincipal", Name = row.Str("PermissionsAddedTo") };
            target.ModifiedProperties.Add(new ModifiedProperty("Permissions", null, permissions));
            evt.Targets.Add(target);
        }
        return evt;
    }

    /// <summary>The UAL id at the end of a ReportId, or the ReportId itself.</summary>
    private static string? UalId(string? reportId)
    {
        if (reportId is null) return null;
        var tail = reportId[(reportId.LastIndexOf('_') + 1)..];
        return Guid.TryParse(tail, out _) ? tail : "defender-" + reportId;
    }
}
