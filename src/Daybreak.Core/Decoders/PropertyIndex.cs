using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Daybreak.Decoders;

/// <summary>
/// Makes field lookups on large objects O(1) while one record is normalised. Normalisers try several spellings per
/// field (Graph, diagnostic, Log Analytics, UAL variants), so most lookups miss, and a miss used to scan every
/// property twice (JsonDocument's exact scan, then our case-insensitive one): on a 30-property UAL record that was
/// most of the decode time. Here the first lookup on an object hashes its property names once (case-folded), and
/// later lookups probe that table with the exact JsonDocument semantics: the last exact match wins, else the first
/// case-insensitive match.
/// </summary>
/// <remarks>
/// Only active inside <see cref="Enter"/>, which the decoder opens per record: an object is recognised by the
/// address of its UTF-8 text, which is unique only while its document is alive, and a pooled buffer is reused by
/// the next record. Objects with escaped or non-ASCII names, and small objects, are left to the plain scan.
/// </remarks>
internal sealed class PropertyIndex
{
    /// <summary>Objects whose raw text is shorter than this are cheaper to scan than to index.</summary>
    private const int MinIndexedBytes = 384;
    private const int MaxObjects = 8;

    [ThreadStatic] private static PropertyIndex? t_active;
    [ThreadStatic] private static PropertyIndex? t_spare;

    private readonly Table[] _tables = new Table[MaxObjects];
    private int _count;
    private int _next;

    /// <summary>Starts indexing for one record on this thread; dispose the scope when the record is done.</summary>
    public static Scope Enter()
    {
        var index = t_spare ?? new PropertyIndex();
        t_spare = null;
        var outer = t_active;
        t_active = index;
        return new Scope(index, outer);
    }

    /// <summary>
    /// Looks <paramref name="name"/> up through the active index. False when no index applies (no scope, small or
    /// unindexable object): the caller scans as before. Otherwise <paramref name="found"/> tells the result.
    /// </summary>
    public static bool TryLookup(JsonElement obj, string name, bool exactOnly, out JsonElement value, out bool found)
    {
        value = default;
        found = false;
        var index = t_active;
        if (index is null || obj.ValueKind != JsonValueKind.Object) return false;
        var raw = JsonMarshal.GetRawUtf8Value(obj);
        if (raw.Length < MinIndexedBytes) return false;
        var table = index.Find(obj, raw) ?? index.Add(obj);
        if (!table.Usable) return false;
        return table.TryFind(name, exactOnly, out value, out found);
    }

    private Table? Find(JsonElement obj, ReadOnlySpan<byte> raw)
    {
        for (var i = 0; i < _count; i++)
        {
            var other = JsonMarshal.GetRawUtf8Value(_tables[i].Object);
            if (other.Length == raw.Length && Unsafe.AreSame(ref MemoryMarshal.GetReference(other), ref MemoryMarshal.GetReference(raw)))
                return _tables[i];
        }
        return null;
    }

    private Table Add(JsonElement obj)
    {
        Table table;
        if (_count < MaxObjects) table = _tables[_count++] ??= new Table();
        else
        {
            table = _tables[_next]; // round robin: a record rarely looks at more than a few large objects
            _next = (_next + 1) % MaxObjects;
        }
        table.Build(obj);
        return table;
    }

    private void Clear()
    {
        for (var i = 0; i < _count; i++) _tables[i].Clear();
        _count = 0;
        _next = 0;
    }

    /// <summary>Ends the record's indexing; the tables are kept for the next record on this thread.</summary>
    public readonly struct Scope(PropertyIndex index, PropertyIndex? outer) : IDisposable
    {
        public void Dispose()
        {
            index.Clear();
            t_active = outer;
            t_spare = index;
        }
    }

    /// <summary>Open-addressing table of one object's properties by case-folded name hash.</summary>
    private sealed class Table
    {
        private JsonProperty[] _properties = new JsonProperty[64];
        private int[] _hashes = new int[64];
        private int[] _slots = new int[128]; // property index + 1; 0 = empty
        private int _count;

        public JsonElement Object { get; private set; }

        public bool Usable { get; private set; }

        public void Build(JsonElement obj)
        {
            Clear();
            Object = obj;
            foreach (var p in obj.EnumerateObject())
            {
                var name = JsonMarshal.GetRawUtf8PropertyName(p);
                if (!Ascii.IsValid(name) || name.IndexOf((byte)'\\') >= 0) return; // escaped or non-ASCII: plain scan
                if (_count == _properties.Length)
                {
                    Array.Resize(ref _properties, _count * 2);
                    Array.Resize(ref _hashes, _count * 2);
                }
                _properties[_count] = p;
                _hashes[_count] = Hash(name);
                _count++;
            }
            var size = _slots.Length;
            while (size < _count * 2) size *= 2;
            if (size != _slots.Length) _slots = new int[size];
            for (var i = 0; i < _count; i++)
            {
                var slot = _hashes[i] & (size - 1);
                while (_slots[slot] != 0) slot = (slot + 1) & (size - 1);
                _slots[slot] = i + 1;
            }
            Usable = true;
        }

        public void Clear()
        {
            if (_count > 0)
            {
                Array.Clear(_slots);
                Array.Clear(_properties, 0, _count);
            }
            _count = 0;
            Usable = false;
            Object = default;
        }

        /// <summary>JsonDocument.TryGetProperty semantics (last exact match), then, unless exact only, the first case-insensitive match.</summary>
        public bool TryFind(string name, bool exactOnly, out JsonElement value, out bool found)
        {
            value = default;
            found = false;
            if (!Ascii.IsValid(name)) return false;
            var hash = Hash(name);
            int lastExact = -1, firstFolded = int.MaxValue;
            var mask = _slots.Length - 1;
            for (var slot = hash & mask; _slots[slot] != 0; slot = (slot + 1) & mask)
            {
                var i = _slots[slot] - 1;
                if (_hashes[i] != hash) continue;
                var candidate = JsonMarshal.GetRawUtf8PropertyName(_properties[i]);
                if (candidate.Length != name.Length || !Ascii.EqualsIgnoreCase(candidate, name)) continue;
                if (i > lastExact && Ascii.Equals(candidate, name)) lastExact = i;
                if (i < firstFolded) firstFolded = i;
            }
            if (lastExact >= 0) (value, found) = (_properties[lastExact].Value, true);
            else if (!exactOnly && firstFolded != int.MaxValue) (value, found) = (_properties[firstFolded].Value, true);
            return true;
        }

        private static int Hash(ReadOnlySpan<byte> name)
        {
            var h = 0;
            foreach (var b in name) h = (h * 31) + (b | 0x20);
            return h & int.MaxValue;
        }

        private static int Hash(string name)
        {
            var h = 0;
            foreach (var c in name) h = (h * 31) + (c | 0x20);
            return h & int.MaxValue;
        }
    }
}
