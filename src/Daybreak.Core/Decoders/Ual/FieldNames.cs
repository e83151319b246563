using System.Text;

namespace Daybreak.Decoders.Ual;

/// <summary>
/// Property names a single-pass reader knows, looked up by their UTF-8 bytes without allocating. A name that equals
/// a known or refused name only case-insensitively is <see cref="Refused"/>: the general path reads names
/// case-insensitively, so such a record must go there to be read the same way.
/// </summary>
internal sealed class FieldNames
{
    public const int Unknown = -1, Refused = -2;

    private const int Buckets = 256;

    // Names bucketed by a case-blind hash of length and three bytes: most lookups of unknown names meet an empty bucket.
    private readonly (byte[] Name, int Slot)[][] _buckets = new (byte[], int)[Buckets][];

    public FieldNames((string Name, int Slot)[] known, string[] refused)
    {
        var all = known.Select(k => (Encoding.ASCII.GetBytes(k.Name), k.Slot))
            .Concat(refused.Select(r => (Encoding.ASCII.GetBytes(r), Refused)));
        var lists = new List<(byte[], int)>[Buckets];
        foreach (var entry in all) (lists[Bucket(entry.Item1)] ??= []).Add(entry);
        for (var i = 0; i < Buckets; i++) _buckets[i] = lists[i]?.ToArray() ?? [];
    }

    /// <summary>The slot of an exactly matching known name, <see cref="Refused"/>, or <see cref="Unknown"/>.</summary>
    public int Match(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty) return Unknown;
        var candidates = _buckets[Bucket(name)];
        foreach (var (candidate, slot) in candidates)
        {
            if (name.SequenceEqual(candidate)) return slot; // the common case: a known name as written
        }
        foreach (var (candidate, _) in candidates)
        {
            if (Ascii.EqualsIgnoreCase(name, candidate)) return Refused;
        }
        return Unknown;
    }

    private static int Bucket(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty) return 0;
        var h = (name.Length * 31) + ((name[0] | 0x20) * 7) + ((name[^1] | 0x20) * 13) + (name[name.Length / 2] | 0x20);
        return h & (Buckets - 1);
    }
}
