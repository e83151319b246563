using Daybreak.Collections;
using Daybreak.Events;

namespace Daybreak.Detection.Builtin;

/// <summary>
/// Sign-ins that detections keep by a text key for hours or days, with the expiry of <see cref="EntityTable{TState}"/>
/// (an entry not touched for the time-to-live goes at the first sweep after): session replay's sessions and tokens
/// (which sign-in issued each, <see cref="Touch"/>) and mail forwarding's latest sign-in per user and IP
/// (<see cref="Set"/>). A hunt holds hundreds of thousands of these, nearly all never named in an alert, so nothing here
/// is an object per key: keys and the sign-in's own texts are bytes in a <see cref="TextArena"/>, its names are
/// numbers (<see cref="InternedStrings"/>), and the key table and the records are structs in arrays, which the collector
/// does not trace. As strings and objects (<see cref="KeptSignIn"/>s in entity tables) they were most of the live heap
/// every full collection of a hunt marked. Several keys may share a record (a sign-in's session id and token id), which
/// carries whether each kind was raised already.
/// </summary>
internal sealed class KeptSignInTable
{
    /// <summary>One id: a hash table entry, chained from its bucket.</summary>
    private struct Slot
    {
        public int Hash;
        public int Next;        // the next slot of the bucket's chain, or of the free list; -1 at the end
        public TextRef Key;
        public DateTime LastSeen;
        public int Record;      // -1 while the slot is free
        public int Version;     // changes when the slot is freed: expiry lists name a slot with its version
        public long FiledUnder; // the expiry bucket the slot is filed under; entries of other buckets are stale
    }

    /// <summary>The fields of a <see cref="KeptSignIn"/>, as texts in the arena and numbers.</summary>
    private struct KeptRecord
    {
        public DateTime Time;
        public TextRef RecordId, Ip, SessionId, UniqueTokenId, CredentialKeyId;
        public int TenantId, Format, Operation, Code, ObjectId, Upn, AppId, Country, Network;
        public long? Asn;
        public OutcomeStatus Status;
        public ActorKind Kind;
        public bool SessionRaised, TokenRaised;
        public int Refs;        // ids pointing here: the record is freed when the last one expires
        public int NextFree;
    }

    /// <summary>A user's last names as numbered, kept by the caller per user (a user's sign-ins repeat them).</summary>
    public sealed class UserNumbers
    {
        internal InternedStrings.Last ObjectId, Upn, AppId, Country;
    }

    private readonly TimeSpan _ttl;
    private readonly TextArena _texts = new();
    private readonly InternedStrings _strings = new();
    private InternedStrings.Last _tenant, _format, _operation, _code;
    // Sign-ins with targets are rare; their lists (shared with the event, never changed after decoding) are kept here.
    private readonly Dictionary<int, List<Target>> _targets = [];
    // In chunks below the large object heap (see ChunkedArray): doubling one array per table was most of a hunt's
    // large-object allocation, and with it of its full collections.
    private ChunkedArray<int> _buckets = new(256);   // 1 + the first slot of each bucket's chain; 0 for none
    private int _bucketCount = 256;                   // a power of two, as many as the slots' capacity
    private readonly ChunkedArray<Slot> _slots = new(256);
    private int _slotsHigh;
    private int _freeSlot = -1;
    private readonly ChunkedArray<KeptRecord> _records = new(256);
    private int _recordsHigh;
    private int _freeRecord = -1;
    private readonly SweepSchedule _sweeps;
    // Expiry by time buckets, one per sweep interval of last-seen time: a sweep reads only the buckets old enough to
    // hold expired ids, removes those ids and files the ones touched since into the bucket of their new time. Reading
    // the whole table at every hourly sweep, as a dictionary's sweep does, was a third of session replay's time.
    private readonly long _bucketTicks;
    private readonly Dictionary<long, List<(int Slot, int Version)>> _expiry = [];
    private readonly PriorityQueue<long, long> _expiryBuckets = new();
    private readonly List<int> _refile = [];
    private readonly Stack<List<(int Slot, int Version)>> _spareLists = new(); // read buckets' lists, for new buckets

    public KeptSignInTable(TimeSpan ttl)
    {
        _ttl = ttl;
        _sweeps = new SweepSchedule(ttl);
        _bucketTicks = Math.Max(1, _sweeps.Interval.Ticks);
    }

    /// <summary>Keys kept.</summary>
    public int Count { get; private set; }

    /// <summary>Chunks of the arena in use (for tests of its reclaiming).</summary>
    internal int ArenaChunks => _texts.Chunks;

    /// <summary>
    /// The record of the sign-in that issued <paramref name="id"/>, marking the id seen at <paramref name="now"/>; when
    /// the id is new it is added as issued by <paramref name="issuer"/> (whose user's numbers are
    /// <paramref name="user"/>), and -1 is returned. <paramref name="issued"/> is the issuer's record once made (-1
    /// before): a sign-in's session and token ids share it.
    /// </summary>
    public int Touch(ReadOnlySpan<char> id, DateTime now, AuditEvent issuer, int network, UserNumbers user, ref int issued)
    {
        Sweep(now);
        var hash = string.GetHashCode(id);
        var found = Find(id, hash);
        if (found >= 0)
        {
            ref var slot = ref _slots[found];
            if (now > slot.LastSeen) slot.LastSeen = now;
            return slot.Record;
        }
        if (issued < 0) issued = Keep(issuer, network, user);
        Add(id, hash, now, issued);
        return -1;
    }

    /// <summary>Keeps <paramref name="signIn"/> as the record of <paramref name="key"/>, seen at <paramref name="now"/>,
    /// in place of any record it had (as <see cref="EntityTable{TState}.Set(string, TState, DateTime)"/>).</summary>
    public void Set(ReadOnlySpan<char> key, AuditEvent signIn, DateTime now, UserNumbers user)
    {
        Sweep(now);
        var hash = string.GetHashCode(key);
        var found = Find(key, hash);
        var record = Keep(signIn, network: -1, user);
        if (found < 0)
        {
            Add(key, hash, now, record);
            return;
        }
        ref var slot = ref _slots[found];
        _records[record].Refs++;
        Release(slot.Record);
        slot.Record = record;
        slot.LastSeen = now;
        // A set may move the key's time back (a late sign-in): when that is into an earlier bucket, the key is filed
        // again there (the entry in its later bucket then goes stale); within the same bucket nothing changes.
        if (now.Ticks / _bucketTicks < slot.FiledUnder) File(found);
        _sweeps.Saw(now);
    }

    /// <summary>The record of <paramref name="key"/>, or -1; marks nothing seen and sweeps nothing.</summary>
    public int Peek(ReadOnlySpan<char> key)
    {
        var found = Find(key, string.GetHashCode(key));
        return found < 0 ? -1 : _slots[found].Record;
    }

    /// <summary>When the sign-in of <paramref name="record"/> happened.</summary>
    public DateTime TimeOf(int record) => _records[record].Time;

    private int Find(ReadOnlySpan<char> key, int hash)
    {
        for (var i = _buckets[Bucket(hash)] - 1; i >= 0; i = _slots[i].Next)
        {
            if (_slots[i].Hash == hash && _texts.SameText(_slots[i].Key, key)) return i;
        }
        return -1;
    }

    private void Add(ReadOnlySpan<char> key, int hash, DateTime now, int record)
    {
        _records[record].Refs++;
        var added = NewSlot();
        ref var bucket = ref _buckets[Bucket(hash)];
        _slots[added] = new Slot { Hash = hash, Next = bucket - 1, Key = _texts.Add(key), LastSeen = now, Record = record, Version = _slots[added].Version };
        bucket = added + 1;
        File(added);
        Count++;
        _sweeps.Saw(now);
    }

    public int NetworkOf(int record) => _records[record].Network;

    public bool Raised(int record, bool token) => token ? _records[record].TokenRaised : _records[record].SessionRaised;

    public void MarkRaised(int record, bool token)
    {
        if (token) _records[record].TokenRaised = true;
        else _records[record].SessionRaised = true;
    }

    /// <summary>The issuing sign-in as evidence, as <see cref="KeptSignIn.ToEvent"/> makes it.</summary>
    public AuditEvent ToEvent(int record)
    {
        ref readonly var i = ref _records[record];
        var e = new AuditEvent
        {
            RecordId = _texts.Text(i.RecordId)!, Time = i.Time, TenantId = _strings[i.TenantId], Source = SourceKind.SignIn,
            Format = _strings[i.Format]!, Operation = _strings[i.Operation]!, Raw = "",
        };
        e.Outcome.Status = i.Status;
        e.Outcome.Code = _strings[i.Code];
        e.Actor.Kind = i.Kind;
        e.Actor.ObjectId = _strings[i.ObjectId];
        e.Actor.Upn = _strings[i.Upn];
        e.Actor.AppId = _strings[i.AppId];
        e.Network.Ip = _texts.Text(i.Ip);
        e.Network.Asn = i.Asn;
        e.Network.Country = _strings[i.Country];
        e.Auth.SessionId = _texts.Text(i.SessionId);
        e.Auth.UniqueTokenId = _texts.Text(i.UniqueTokenId);
        e.Auth.CredentialKeyId = _texts.Text(i.CredentialKeyId);
        if (_targets.TryGetValue(record, out var targets)) e.Targets.AddRange(targets);
        return e;
    }

    private int Bucket(int hash) => (int)((uint)hash & (uint)(_bucketCount - 1));

    private int NewSlot()
    {
        if (_freeSlot >= 0)
        {
            var free = _freeSlot;
            _freeSlot = _slots[free].Next;
            return free;
        }
        if (_slotsHigh == _bucketCount) Grow();
        return _slotsHigh++;
    }

    /// <summary>Twice the slots and buckets (bucket count a power of two, as many as slots), chains rebuilt from the kept
    /// hashes. Only called when every slot is in use (none on the free list).</summary>
    private void Grow()
    {
        _bucketCount *= 2;
        _slots.EnsureCapacity(_bucketCount);
        _buckets = new ChunkedArray<int>(_bucketCount);
        for (var i = 0; i < _slotsHigh; i++)
        {
            ref var bucket = ref _buckets[Bucket(_slots[i].Hash)];
            _slots[i].Next = bucket - 1;
            bucket = i + 1;
        }
    }

    private int Keep(AuditEvent e, int network, UserNumbers user)
    {
        int r;
        if (_freeRecord >= 0)
        {
            r = _freeRecord;
            _freeRecord = _records[r].NextFree;
        }
        else
        {
            _records.EnsureCapacity(_recordsHigh + 1);
            r = _recordsHigh++;
        }
        _records[r] = new KeptRecord
        {
            Time = e.Time,
            RecordId = _texts.Add(e.RecordId),
            Ip = _texts.Add(e.Network.Ip),
            SessionId = _texts.Add(e.Auth.SessionId),
            UniqueTokenId = _texts.Add(e.Auth.UniqueTokenId),
            CredentialKeyId = _texts.Add(e.Auth.CredentialKeyId),
            TenantId = _strings.Of(e.TenantId, ref _tenant),
            Format = _strings.Of(e.Format, ref _format),
            Operation = _strings.Of(e.Operation, ref _operation),
            Code = _strings.Of(e.Outcome.Code, ref _code),
            ObjectId = _strings.Of(e.Actor.ObjectId, ref user.ObjectId),
            Upn = _strings.Of(e.Actor.Upn, ref user.Upn),
            AppId = _strings.Of(e.Actor.AppId, ref user.AppId),
            Country = _strings.Of(e.Network.Country, ref user.Country),
            Network = network,
            Asn = e.Network.Asn,
            Status = e.Outcome.Status,
            Kind = e.Actor.Kind,
            NextFree = -1,
        };
        if (e.Targets.Count > 0) _targets[r] = e.Targets;
        return r;
    }

    private void Release(int r)
    {
        ref var i = ref _records[r];
        if (--i.Refs > 0) return;
        _texts.Forget(i.RecordId);
        _texts.Forget(i.Ip);
        _texts.Forget(i.SessionId);
        _texts.Forget(i.UniqueTokenId);
        _texts.Forget(i.CredentialKeyId);
        _targets.Remove(r);
        i = default;
        i.NextFree = _freeRecord;
        _freeRecord = r;
    }

    private void Sweep(DateTime now)
    {
        if (!_sweeps.Due(now)) return;
        // Expired: last seen before the cutoff (more than the time-to-live before now), as EntityTable removes them.
        var cutoff = now.Ticks - _ttl.Ticks;
        var lastBucket = (cutoff - 1) / _bucketTicks;
        while (_expiryBuckets.TryPeek(out var key, out _) && key <= lastBucket)
        {
            _expiryBuckets.Dequeue();
            if (!_expiry.Remove(key, out var filed)) continue;
            foreach (var (index, version) in filed)
            {
                ref var slot = ref _slots[index];
                // Freed since it was filed, or filed again under another bucket since.
                if (slot.Version != version || slot.Record < 0 || slot.FiledUnder != key) continue;
                if (slot.LastSeen.Ticks < cutoff) Remove(index);
                else _refile.Add(index); // touched since: filed again under its new time, once these buckets are read
            }
            filed.Clear();
            _spareLists.Push(filed);
        }
        foreach (var index in _refile) File(index);
        _refile.Clear();
        // Every id left was last seen at or after the cutoff.
        _sweeps.OldestLastSeen = new DateTime(Math.Max(0, cutoff));
        if (_texts.MarkStagnantSparse() >= Math.Max(4, _texts.Chunks / 8)) MoveOutOfSparseChunks();
    }

    /// <summary>Files a slot under the bucket of its last-seen time.</summary>
    private void File(int index)
    {
        var key = _slots[index].LastSeen.Ticks / _bucketTicks;
        _slots[index].FiledUnder = key;
        if (!_expiry.TryGetValue(key, out var filed))
        {
            _expiry[key] = filed = _spareLists.TryPop(out var spare) ? spare : [];
            _expiryBuckets.Enqueue(key, key);
        }
        filed.Add((index, _slots[index].Version));
    }

    /// <summary>Takes a slot out of its bucket's chain and frees it, with its key and its share of the record.</summary>
    private void Remove(int index)
    {
        ref var slot = ref _slots[index];
        ref var head = ref _buckets[Bucket(slot.Hash)];
        if (head - 1 == index) head = slot.Next + 1;
        else
        {
            var previous = head - 1;
            while (_slots[previous].Next != index) previous = _slots[previous].Next;
            _slots[previous].Next = slot.Next;
        }
        _texts.Forget(slot.Key);
        Release(slot.Record);
        slot = new Slot { Next = _freeSlot, Record = -1, Version = slot.Version + 1 };
        _freeSlot = index;
        Count--;
    }

    /// <summary>Moves the texts still kept in chunks marked as held by a few long-lived sessions into the current one,
    /// so those chunks are freed: the arena stays proportional to what is kept (within an eighth, or four chunks).</summary>
    private void MoveOutOfSparseChunks()
    {
        for (var i = 0; i < _slotsHigh; i++)
        {
            ref var slot = ref _slots[i];
            if (slot.Record >= 0 && _texts.IsSparse(slot.Key)) slot.Key = _texts.Move(slot.Key);
        }
        for (var r = 0; r < _recordsHigh; r++)
        {
            ref var i = ref _records[r];
            if (i.Refs == 0) continue;
            i.RecordId = MoveIfSparse(i.RecordId);
            i.Ip = MoveIfSparse(i.Ip);
            i.SessionId = MoveIfSparse(i.SessionId);
            i.UniqueTokenId = MoveIfSparse(i.UniqueTokenId);
            i.CredentialKeyId = MoveIfSparse(i.CredentialKeyId);
        }
    }

    private TextRef MoveIfSparse(TextRef text) => _texts.IsSparse(text) ? _texts.Move(text) : text;
}
