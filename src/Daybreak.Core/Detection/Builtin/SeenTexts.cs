using System.Runtime.InteropServices;
using Daybreak.Collections;

namespace Daybreak.Detection.Builtin;

/// <summary>
/// Texts seen lately, with the expiry of <see cref="EntityTable{TState}"/> (a text not touched for the time-to-live goes
/// at the first sweep after, sweeps at most once per sweep interval of event time): which IPs signed in successfully in
/// the last weeks, which apps created users. The known-IP tables hold every IP a tenant signed in from for a month,
/// hundreds of thousands in a hunt, and as a dictionary each was a string object and an entry in an array that grew by
/// doubling on the large object heap; here the texts are bytes in a <see cref="TextArena"/> and the table is structs in
/// chunks, which the collector does not trace.
/// </summary>
internal sealed class SeenTexts(TimeSpan ttl)
{
    // 28 bytes, packed: a table holds one per IP a tenant signed in from.
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct Slot
    {
        public int Hash;
        public int Next;        // the next slot of the bucket's chain, or of the free list; -1 at the end
        public TextRef Text;
        public long LastSeen;   // ticks; -1 while the slot is free

        public readonly bool Used => LastSeen >= 0;
    }

    private readonly TextArena _texts = new();
    private readonly ChunkedArray<Slot> _slots = new(256);
    private ChunkedArray<int> _buckets = new(256);   // 1 + the first slot of each bucket's chain; 0 for none
    private int _bucketCount = 256;                   // a power of two, as many as the slots' capacity
    private int _slotsHigh;
    private int _freeSlot = -1;
    private readonly SweepSchedule _sweeps = new(ttl);

    public TimeSpan Ttl { get; } = ttl;

    /// <summary>Texts kept.</summary>
    public int Count { get; private set; }

    /// <summary>Marks <paramref name="text"/> seen at <paramref name="now"/> (a later sighting is kept, an earlier one
    /// changes nothing).</summary>
    public void Touch(ReadOnlySpan<char> text, DateTime now) => TouchWasLive(text, now);

    /// <summary>Whether <paramref name="text"/> was live at <paramref name="now"/> (<see cref="IsLive"/>) before this call
    /// marks it seen (<see cref="Touch"/>): one lookup for the two.</summary>
    public bool TouchWasLive(ReadOnlySpan<char> text, DateTime now)
    {
        Sweep(now);
        var hash = string.GetHashCode(text);
        var found = Find(text, hash);
        if (found < 0)
        {
            Add(text, hash, now);
            return false;
        }
        ref var slot = ref _slots[found];
        var live = now - new DateTime(slot.LastSeen) <= Ttl;
        if (now.Ticks > slot.LastSeen) slot.LastSeen = now.Ticks;
        return live;
    }

    /// <summary>True when <paramref name="text"/> was touched within the time-to-live before <paramref name="now"/>.</summary>
    public bool IsLive(ReadOnlySpan<char> text, DateTime now)
    {
        var found = Find(text, string.GetHashCode(text));
        return found >= 0 && now - new DateTime(_slots[found].LastSeen) <= Ttl;
    }

    /// <summary>When <paramref name="text"/> was last touched, if it is kept.</summary>
    public DateTime? LastSeen(ReadOnlySpan<char> text)
    {
        var found = Find(text, string.GetHashCode(text));
        return found >= 0 ? new DateTime(_slots[found].LastSeen) : null;
    }

    private int Find(ReadOnlySpan<char> text, int hash)
    {
        for (var i = _buckets[Bucket(hash)] - 1; i >= 0; i = _slots[i].Next)
        {
            if (_slots[i].Hash == hash && _texts.SameText(_slots[i].Text, text)) return i;
        }
        return -1;
    }

    private int Bucket(int hash) => (int)((uint)hash & (uint)(_bucketCount - 1));

    private void Add(ReadOnlySpan<char> text, int hash, DateTime now)
    {
        int added;
        if (_freeSlot >= 0)
        {
            added = _freeSlot;
            _freeSlot = _slots[added].Next;
        }
        else
        {
            if (_slotsHigh == _bucketCount) Grow();
            // Chunks are made as slots are taken, not when the buckets double: up to half of them would stay unused.
            _slots.EnsureCapacity(_slotsHigh + 1);
            added = _slotsHigh++;
        }
        ref var bucket = ref _buckets[Bucket(hash)];
        _slots[added] = new Slot { Hash = hash, Next = bucket - 1, Text = _texts.Add(text), LastSeen = now.Ticks };
        bucket = added + 1;
        Count++;
        _sweeps.Saw(now);
    }

    /// <summary>Twice the buckets. Only called when every slot is in use (none on the free list).</summary>
    private void Grow()
    {
        _bucketCount *= 2;
        Rechain();
    }

    /// <summary>Builds every bucket's chain again from the slots in use, and the free list from the others.</summary>
    private void Rechain()
    {
        _buckets = new ChunkedArray<int>(_bucketCount);
        _freeSlot = -1;
        for (var i = _slotsHigh - 1; i >= 0; i--)
        {
            ref var slot = ref _slots[i];
            if (!slot.Used)
            {
                slot.Next = _freeSlot;
                _freeSlot = i;
                continue;
            }
            ref var bucket = ref _buckets[Bucket(slot.Hash)];
            slot.Next = bucket - 1;
            bucket = i + 1;
        }
    }

    private void Sweep(DateTime now)
    {
        if (!_sweeps.Due(now)) return;
        // A sweep that removes reads every slot (structs in chunks: no pointers to chase) and chains the rest again;
        // sweeps run at most hourly, and only once the oldest text has expired.
        var oldest = DateTime.MaxValue;
        var removed = 0;
        for (var i = 0; i < _slotsHigh; i++)
        {
            ref var slot = ref _slots[i];
            if (!slot.Used) continue;
            var lastSeen = new DateTime(slot.LastSeen);
            if (now - lastSeen > Ttl)
            {
                _texts.Forget(slot.Text);
                slot = new Slot { LastSeen = -1 };
                removed++;
            }
            else if (lastSeen < oldest) oldest = lastSeen;
        }
        _sweeps.OldestLastSeen = oldest;
        if (removed == 0) return;
        Count -= removed;
        if (_texts.MarkStagnantSparse() >= Math.Max(4, _texts.Chunks / 8))
        {
            // Texts left in chunks that stay mostly forgotten move to the current chunk, so those chunks are freed.
            for (var i = 0; i < _slotsHigh; i++)
            {
                ref var slot = ref _slots[i];
                if (slot.Used && _texts.IsSparse(slot.Text)) slot.Text = _texts.Move(slot.Text);
            }
        }
        Rechain();
    }
}
