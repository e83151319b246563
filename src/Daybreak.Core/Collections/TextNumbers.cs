namespace Daybreak.Collections;

/// <summary>
/// Numbers the distinct texts it is shown, 0, 1, 2… in order of first sight, and never forgets one: the IPs and users of a
/// whole hunt, for tables that then key by number (a number fits in a struct in a <see cref="ChunkedArray{T}"/>, which the
/// collector does not trace). The texts are kept in a <see cref="TextArena"/> and the hash table is structs in chunks, so
/// hundreds of thousands of texts are a few dozen objects. As string-keyed dictionaries, the scoper's and the IP
/// popularity's tables kept every IP of a hunt as a string object and grew by doubling an array on the large object heap:
/// a hunt without detections took a third longer than decoding alone.
/// </summary>
internal sealed class TextNumbers
{
    private struct Entry
    {
        public int Hash;
        public int Next;    // the next number in the bucket's chain; -1 at the end
        public TextRef Text;
    }

    private readonly TextArena _texts = new();
    private readonly ChunkedArray<Entry> _entries = new(256);
    private ChunkedArray<int> _buckets = new(256); // 1 + the first number of each bucket's chain; 0 for none
    private int _bucketCount = 256;                 // a power of two, at least as many as the numbers

    /// <summary>Texts numbered so far (the next number given).</summary>
    public int Count { get; private set; }

    /// <summary>The number of <paramref name="text"/>, numbering it when it is new.</summary>
    public int Number(ReadOnlySpan<char> text) => Number(text, out _);

    /// <summary>The number of <paramref name="text"/>, numbering it when it is new (<paramref name="added"/>).</summary>
    public int Number(ReadOnlySpan<char> text, out bool added)
    {
        var hash = string.GetHashCode(text);
        var found = Find(text, hash);
        added = found < 0;
        if (!added) return found;
        if (Count == _bucketCount) Grow();
        var number = Count++;
        _entries.EnsureCapacity(Count);
        ref var bucket = ref _buckets[Bucket(hash)];
        _entries[number] = new Entry { Hash = hash, Next = bucket - 1, Text = _texts.Add(text) };
        bucket = number + 1;
        return number;
    }

    /// <summary>The number of <paramref name="text"/>, or -1 when it was never numbered.</summary>
    public int Find(ReadOnlySpan<char> text) => Find(text, string.GetHashCode(text));

    /// <summary>The text numbered <paramref name="number"/>.</summary>
    public string this[int number] => (uint)number < (uint)Count
        ? _texts.Text(_entries[number].Text)!
        : throw new ArgumentOutOfRangeException(nameof(number));

    private int Find(ReadOnlySpan<char> text, int hash)
    {
        for (var i = _buckets[Bucket(hash)] - 1; i >= 0; i = _entries[i].Next)
        {
            if (_entries[i].Hash == hash && _texts.SameText(_entries[i].Text, text)) return i;
        }
        return -1;
    }

    private int Bucket(int hash) => (int)((uint)hash & (uint)(_bucketCount - 1));

    /// <summary>Twice the buckets, chains rebuilt from the kept hashes (the entries themselves never move).</summary>
    private void Grow()
    {
        _bucketCount *= 2;
        _buckets = new ChunkedArray<int>(_bucketCount);
        for (var i = 0; i < Count; i++)
        {
            ref var bucket = ref _buckets[Bucket(_entries[i].Hash)];
            _entries[i].Next = bucket - 1;
            bucket = i + 1;
        }
    }
}
