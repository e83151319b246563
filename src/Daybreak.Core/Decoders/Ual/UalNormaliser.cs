using System.Text.Json;
using Daybreak.Events;

namespace Daybreak.Decoders.Ual;

/// <summary>
/// Unified Audit Log records, however exported: Management Activity API JSON, Purview and Search-UnifiedAuditLog
/// CSV (the record in AuditData), Log Analytics OfficeActivity, Defender XDR CloudAppEvents and Elastic documents.
/// The envelope is peeled before this sees the record (see <c>EnvelopeUnwrapper</c>), so one mapping serves them
/// all, and the same UAL record gets the same <see cref="AuditEvent.RecordId"/> through every export.
/// </summary>
public sealed class UalNormaliser : IRecordNormaliser
{
    public string Family => "ual";

    public IReadOnlyList<FormatInfo> Formats => UalFormats.All;

    public bool Accepts(in RawRecord record)
    {
        var root = record.Root;
        if (root.ValueKind != JsonValueKind.Object) return false;
        if (root.TryGet("Operation", out var op) && op.ValueKind == JsonValueKind.String)
        {
            return root.TryGet("CreationTime", out _) || root.TryGet("RecordType", out _) || root.TryGet("Workload", out _)
                || root.TryGet("OfficeWorkload", out _);
        }
        return UalVariant.IsCloudAppEventsRow(root);
    }

    public AuditEvent Normalise(in RawRecord record)
    {
        var format = UalVariant.Of(record);
        if (!record.Root.TryGet("Operation", out _)) return CloudAppEventsRow.Normalise(record);
        return UalRecordMapper.Map(record, format);
    }
}
