using System.Text.Json;

namespace Daybreak.Decoders.Containers;

/// <summary>
/// The envelopes that hold record arrays: Graph API pages (<c>value</c>), Azure Monitor exports (<c>records</c>),
/// and Elastic pipeline-test wrappers (<c>events</c>, each record under <c>o365audit</c> or <c>event.original</c>).
/// </summary>
internal static class RecordArrays
{
    public static bool IsArrayProperty(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("value"u8) || name.SequenceEqual("records"u8) || name.SequenceEqual("events"u8)
        || name.SequenceEqual("Records"u8) || name.SequenceEqual("Value"u8);

    /// <summary>The record array inside an envelope object, if it is one.</summary>
    public static bool TryGetArray(JsonElement root, out JsonElement array)
    {
        if (root.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in root.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Array && IsArrayProperty(System.Text.Encoding.UTF8.GetBytes(p.Name)))
                {
                    array = p.Value;
                    return true;
                }
            }
        }
        array = default;
        return false;
    }
}
