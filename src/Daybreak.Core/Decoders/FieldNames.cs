using System.Text;

namespace Daybreak.Decoders;

/// <summary>
/// Property names a single-pass reader (diagnostic sign-ins, UAL) knows, looked up by their UTF-8 bytes without allocating. A name that equals
/// a known or refused name only case-insensitively is <see cref="Refused"/>: the general path reads names
/// case-insensitively, so such a record must go there to be read the same way.
/// </summary>
internal sealed class FieldNames
{
    public const int Unknown = -1, Refused = -2;

    /// <summary>The <see cref="Match(ReadOnlySpan{byte}, ref int)"/> context of an object's first name.</summary>
    public const int Start = -1;

    private const int Buckets = 256;

    // Names bucketed by a case-blind hash of length and three bytes: most lookups of unknown names meet an empty bucket.
    private readonly (byte[] Name, int Slot)[][] _buckets = new (byte[], int)[Buckets][];
    private readonly byte[][] _names;
    private readonly int[] _slots;
    // For each name (and for an object's start, at 0): the index + 1 of the known name that followed it last time, 0 for
    // none. Records of one export list their fields in one order, so the name after this one is usually that one: one
    // comparison instead of a hash and a bucket (millions of names per file). Shared by the threads that decode; a
    // stale or torn guess only costs the full lookup.
    private readonly int[] _next;

    public FieldNames((string Name, int Slot)[] known, string[] refused)
    {
        var all = known.Select(k => (Encoding.ASCII.GetBytes(k.Name), k.Slot))
            .Concat(refused.Select(r => (Encoding.ASCII.GetBytes(r), Refused))).ToArray();
        _names = [.. all.Select(e => e.Item1)];
        _slots = [.. all.Select(e => e.Item2)];
        _next = new int[all.Length + 1];
        var lists = new List<(byte[], int)>[Buckets];
        for (var i = 0; i < all.Length; i++) (lists[Bucket(all[i].Item1)] ??= []).Add((all[i].Item1, i));
        for (var i = 0; i < Buckets; i++) _buckets[i] = lists[i]?.ToArray() ?? [];
    }

    /// <summary>
    /// The slot of an exactly matching known name, <see cref="Refused"/>, or <see cref="Unknown"/>. The name that followed
    /// the object's previous known name (<paramref name="context"/>, <see cref="Start"/> before its first) last time is
    /// tried first; a known name moves the context on.
    /// </summary>
    public int Match(ReadOnlySpan<byte> name, ref int context)
    {
        // An exact match is the answer whichever way it is found: no two entries have the same bytes.
        var guess = _next[context + 1] - 1;
        if (guess >= 0 && name.SequenceEqual(_names[guess])) return Found(guess, ref context);
        if (name.IsEmpty) return Unknown;
        var candidates = _buckets[Bucket(name)];
        foreach (var (candidate, entry) in candidates)
        {
            if (name.SequenceEqual(candidate)) // the common case: a known name as written
            {
                _next[context + 1] = entry + 1;
                return Found(entry, ref context);
            }
        }
        foreach (var (candidate, _) in candidates)
        {
            if (Ascii.EqualsIgnoreCase(name, candidate)) return Refused;
        }
        return Unknown;
    }

    private int Found(int entry, ref int context)
    {
        context = entry;
        return _slots[entry];
    }

    private static int Bucket(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty) return 0;
        var h = (name.Length * 31) + ((name[0] | 0x20) * 7) + ((name[^1] | 0x20) * 13) + (name[name.Length / 2] | 0x20);
        return h & (Buckets - 1);
    }
}
