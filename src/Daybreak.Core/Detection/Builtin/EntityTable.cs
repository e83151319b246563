using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Daybreak.Detection.Builtin;

/// <summary>
/// Per-entity state that expires: an entry not touched for <see cref="Ttl"/> of event time is dropped, so memory grows
/// with the number of live entities, not with the input. Sweeps run at most once per sweep interval of event time.
/// </summary>
internal sealed class EntityTable<TState>(TimeSpan ttl, Func<TState> create) where TState : class
{
    private readonly Dictionary<string, (TState State, DateTime LastSeen)> _items = new(StringComparer.Ordinal);
    private readonly SweepSchedule _sweeps = new(ttl);

    public TimeSpan Ttl { get; } = ttl;

    public int Count => _items.Count;

    /// <summary>The state of <paramref name="key"/>, created if missing; marks it seen at <paramref name="now"/>.</summary>
    public TState Touch(string key, DateTime now)
    {
        Sweep(now);
        // One hash lookup: detections touch an entity per event, and tables hold up to hundreds of thousands.
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_items, key, out var exists);
        if (!exists) entry = (create(), Added(now));
        else if (now > entry.LastSeen) entry.LastSeen = now;
        return entry.State;
    }

    /// <summary>
    /// The state slot of <paramref name="key"/>, marked seen at <paramref name="now"/>, added empty when missing
    /// (<paramref name="exists"/> false): the caller sets a new slot's state before anything else touches the table.
    /// One hash lookup where a lookup and a <see cref="Set"/> would take two, for tables that mostly add (a session
    /// table sees a new session id with nearly every sign-in).
    /// </summary>
    public ref TState Slot(string key, DateTime now, out bool exists)
    {
        Sweep(now);
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_items, key, out exists);
        if (!exists) entry.LastSeen = Added(now);
        else if (now > entry.LastSeen) entry.LastSeen = now;
        return ref entry.State;
    }

    /// <summary>Replaces the state of <paramref name="key"/>, marking it seen at <paramref name="now"/>.</summary>
    public void Set(string key, TState state, DateTime now)
    {
        Sweep(now);
        _items[key] = (state, Added(now));
    }

    public TState? Peek(string key) => _items.TryGetValue(key, out var entry) ? entry.State : null;

    /// <summary>True when <paramref name="key"/> was touched within the time-to-live before <paramref name="now"/>.</summary>
    public bool IsLive(string key, DateTime now) => _items.TryGetValue(key, out var entry) && now - entry.LastSeen <= Ttl;

    /// <summary>When <paramref name="key"/> was last touched, if it is known.</summary>
    public DateTime? LastSeen(string key) => _items.TryGetValue(key, out var entry) ? entry.LastSeen : null;

    public IEnumerable<KeyValuePair<string, TState>> Entries => _items.Select(kv => new KeyValuePair<string, TState>(kv.Key, kv.Value.State));

    /// <summary>A last-seen time set on an add or a set (which may move an entry's time back): kept in the lower bound.</summary>
    private DateTime Added(DateTime lastSeen)
    {
        _sweeps.Saw(lastSeen);
        return lastSeen;
    }

    private void Sweep(DateTime now)
    {
        if (!_sweeps.Due(now)) return;
        var oldest = DateTime.MaxValue;
        // Removing while enumerating is allowed for Dictionary since .NET Core 3.0.
        foreach (var (key, entry) in _items)
        {
            if (now - entry.LastSeen > Ttl) _items.Remove(key);
            else if (entry.LastSeen < oldest) oldest = entry.LastSeen;
        }
        _sweeps.OldestLastSeen = oldest;
    }
}

/// <summary>Tables of a common kind: entries only ever set with their state. (Keys that only say "seen lately" are
/// <see cref="SeenTexts"/>.)</summary>
internal static class EntityTable
{
    /// <summary>A table whose entries are only ever <see cref="EntityTable{TState}.Set"/> with their state, never made empty
    /// by <see cref="EntityTable{TState}.Touch"/>: a touch of a missing key is a defect, and says so.</summary>
    public static EntityTable<TState> SetOnly<TState>(TimeSpan ttl) where TState : class =>
        new(ttl, () => throw new InvalidOperationException("set, never created"));
}
