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
    /// <inheritdoc/>
    public string Family => "ual";

    /// <inheritdoc/>
    public IReadOnlyList<FormatInfo> Formats => UalFormats.All;

    /// <inheritdoc/>
    public bool Accepts(in RawRecord record)
    {
        var root = record.Root;
        if (root.ValueKind != JsonValueKind.Object) return false;
        var hasRecordType = root.TryGet("RecordType", out _);
        if (root.TryGet("Operation", out var op) && op.ValueKind == JsonValueKind.String)
        {
            return hasRecordType || root.TryGet("CreationTime", out _) || root.TryGet("Workload", out _) || root.TryGet("OfficeWorkload", out _);
        }
        // A bare UAL record without Operation (Elastic keeps such minimal records) still has CreationTime and RecordType.
        return (hasRecordType && root.TryGet("CreationTime", out _)) || UalVariant.IsCloudAppEventsRow(root);
    }

    /// <inheritdoc/>
    public AuditEvent Normalise(in RawRecord record) =>
        record.Root.TryGet("Operation", out _) || !UalVariant.IsCloudAppEventsRow(record.Root)
            ? UalEventBuilder.Build(UalElementReader.Read(record), UalVariant.Of(record), record.Raw)
            : CloudAppEventsRow.Normalise(record);
}
