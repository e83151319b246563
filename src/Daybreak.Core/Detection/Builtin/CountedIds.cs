using System.Runtime.InteropServices;

namespace Daybreak.Detection.Builtin;

/// <summary>
/// Small integer ids for keys, each counted by how many holders carry it. An id whose count drops to zero is given to
/// the next new key, so ids stay as few as the live keys and arrays indexed by them stay small however long a hunt runs.
/// </summary>
internal sealed class CountedIds<TKey>(IEqualityComparer<TKey>? comparer = null) where TKey : notnull
{
    private readonly Dictionary<TKey, int> _ids = new(comparer);
    private readonly List<TKey> _keys = [];
    private readonly List<int> _counts = [];
    private readonly Stack<int> _free = new();

    /// <summary>Keys with a count above zero.</summary>
    public int Live => _ids.Count;

    /// <summary>Every id is below this.</summary>
    public int Capacity => _keys.Count;

    public TKey KeyOf(int id) => _keys[id];

    public bool TryGetId(TKey key, out int id) => _ids.TryGetValue(key, out id);

    /// <summary>The id of <paramref name="key"/>, counted once more.</summary>
    public int Add(TKey key)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_ids, key, out var exists);
        if (!exists)
        {
            if (_free.TryPop(out var reused))
            {
                id = reused;
                _keys[reused] = key;
            }
            else
            {
                id = _keys.Count;
                _keys.Add(key);
                _counts.Add(0);
            }
        }
        _counts[id]++;
        return id;
    }

    /// <summary>Counts <paramref name="id"/> once less; at zero its key is forgotten and the id is free again.</summary>
    public void Release(int id)
    {
        if (--_counts[id] > 0) return;
        _ids.Remove(_keys[id]);
        _keys[id] = default!;
        _free.Push(id);
    }
}
