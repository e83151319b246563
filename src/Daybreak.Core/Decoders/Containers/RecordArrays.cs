using System.Runtime.InteropServices;
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
                // The name's bytes as written, never made a string: a name with invalid UTF-8 or an escape that is no
                // character (logs are attacker input) would throw from p.Name here, in the framer, outside any one
                // record's rejection. As written, as the streaming framer compares them (JsonDocumentFramer).
                if (p.Value.ValueKind == JsonValueKind.Array && IsArrayProperty(JsonMarshal.GetRawUtf8PropertyName(p)))
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
