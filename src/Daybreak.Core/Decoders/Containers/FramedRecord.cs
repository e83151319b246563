using System.Text.Json;

namespace Daybreak.Decoders.Containers;

/// <summary>
/// A record cut out of its container, or the error that stopped framing at a line. The document's memory may point
/// into the framer's buffer: it is valid only until the framer is advanced, and the consumer disposes it.
/// </summary>
internal readonly record struct FramedRecord(JsonDocument? Document, JsonElement Root, string Raw, long Line, string? Error)
{
    public static FramedRecord Failed(long line, string error) => new(null, default, "", line, error);
}
