using System.Text.Json;

namespace Daybreak.Decoders.Containers;

/// <summary>
/// A record cut out of its container, or the error that stopped framing at a line. The document's memory may point
/// into the framer's buffer: it is valid only until the framer is advanced, and the consumer disposes it.
/// <see cref="Event"/> is set instead of a document when a fast reader already normalised the record.
/// </summary>
internal readonly record struct FramedRecord(JsonDocument? Document, JsonElement Root, string Raw, long Line, string? Error)
{
    public Events.AuditEvent? Event { get; init; }

    public static FramedRecord Read(Events.AuditEvent evt, long line) => new(null, default, "", line, null) { Event = evt };

    public static FramedRecord Failed(long line, string error) => new(null, default, "", line, error);
}
