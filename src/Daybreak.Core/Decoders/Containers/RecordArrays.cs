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

    private static bool IsArrayName(JsonProperty p)
    {
        try
        {
            return p.NameEquals("value"u8) || p.NameEquals("records"u8) || p.NameEquals("events"u8) || p.NameEquals("Records"u8) || p.NameEquals("Value"u8);
        }
        catch (InvalidOperationException)
        {
            // An escape that is no character (a lone surrogate, "\ud800"): unescaping to compare throws, and such a
            // name is none of these.
            return false;
        }
    }

    /// <summary>The record array inside an envelope object, if it is one.</summary>
    public static bool TryGetArray(JsonElement root, out JsonElement array)
    {
        if (root.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in root.EnumerateObject())
            {
                // Compared as UTF-8 (NameEquals), never made a string: a name with invalid UTF-8 (logs are attacker
                // input) would throw from p.Name here, in the framer, outside any one record's rejection.
                if (p.Value.ValueKind == JsonValueKind.Array && IsArrayName(p))
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
