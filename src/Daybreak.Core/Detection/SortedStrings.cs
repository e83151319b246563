namespace Daybreak.Detection;

/// <summary>
/// A set of strings in ordinal order, kept in one array: what an <see cref="EntitySet"/> holds from its second value on.
/// Entity sets are small and read far more than written (every alert's are enumerated when incidents are built), and a
/// <see cref="SortedSet{T}"/> spent a node per value and a stack per enumeration; here a value is an array slot and
/// enumerating allocates nothing. Sets that grow large (an incident's IPs) insert by binary search and merge in one pass.
/// </summary>
internal sealed class SortedStrings
{
    private string[] _items;
    private int _count;

    /// <summary>Changes with every addition, so that enumerating a set while adding to it fails as it does for the
    /// framework's collections rather than reading shifted values.</summary>
    public int Version { get; private set; }

    public SortedStrings(string a, string b)
    {
        _items = new string[4];
        (_items[0], _items[1]) = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
        _count = 2;
    }

    private SortedStrings(string[] items, int count)
    {
        _items = items;
        _count = count;
    }

    public int Count => _count;

    public string Min => _items[0];

    public string this[int index] => _items[index];

    public bool Contains(string value) => IndexOf(value) >= 0;

    public bool Add(string value)
    {
        var at = IndexOf(value);
        if (at >= 0) return false;
        at = ~at;
        if (_count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        Array.Copy(_items, at, _items, at + 1, _count - at);
        _items[at] = value;
        _count++;
        Version++;
        return true;
    }

    public SortedStrings Copy() => new((string[])_items.Clone(), _count);

    /// <summary>Adds every value of <paramref name="other"/>: a merge of the two sorted arrays.</summary>
    public void UnionWith(SortedStrings other)
    {
        // Most unions of an incident's alerts add nothing new: counted first, so those allocate nothing.
        var added = 0;
        for (int a = 0, b = 0; b < other._count;)
        {
            var c = a < _count ? string.CompareOrdinal(_items[a], other._items[b]) : 1;
            if (c < 0) a++;
            else
            {
                if (c > 0) added++;
                else a++;
                b++;
            }
        }
        if (added == 0) return;
        var merged = new string[Math.Max(4, _count + added)];
        int i = 0, j = 0, n = 0;
        while (i < _count && j < other._count)
        {
            var c = string.CompareOrdinal(_items[i], other._items[j]);
            merged[n++] = c <= 0 ? _items[i++] : other._items[j++];
            if (c == 0) j++;
        }
        while (i < _count) merged[n++] = _items[i++];
        while (j < other._count) merged[n++] = other._items[j++];
        _items = merged;
        _count = n;
        Version++;
    }

    /// <summary>The index of <paramref name="value"/>, or the complement of where it would go.</summary>
    private int IndexOf(string value)
    {
        int lo = 0, hi = _count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var c = string.CompareOrdinal(_items[mid], value);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }
}
