using System.Collections.Concurrent;

namespace Daybreak.Events;

/// <summary>
/// Pooled memory for the raw records of a stream of events, for pipelines that are done with each event's raw record
/// soon after reading it and say so (<see cref="AuditEvent.ReleaseRaw"/>). Records are copied into shared slabs, and a
/// slab is used again once every event in it has been released.
/// </summary>
/// <remarks>
/// Why: a raw record is most of an event (a 4.3 KB sign-in), a hunt or an ingest holds thousands of events in flight
/// between the reader and the slowest consumer, and each young collection copied those it found alive: as fresh
/// arrays the raw records were a sixth of a hunt's CPU. Slabs that live as long as the run cost the collector nothing.
/// <para>One thread copies records in (the reader); any thread may release them. An event that is never released only
/// keeps its slab from being used again: the slab is then an ordinary array, reclaimed when no event holds it.</para>
/// </remarks>
public sealed class RawArena
{
    /// <summary>Slab size: below the large object heap's threshold, so a slab that is never returned costs no more than
    /// the arrays it replaces.</summary>
    public const int SlabBytes = 64 * 1024;

    /// <summary>Records longer than this get their own array: a slab holds at least four.</summary>
    public const int MaxPooledBytes = SlabBytes / 4;

    // Slabs come back on the consumers' threads and are taken on the reader's: a queue, whose count is cheap to read.
    private readonly ConcurrentQueue<byte[]> _free = new();
    private readonly int _maxFree;
    private RawSlab? _current;
    private int _used;

    /// <param name="maxFreeSlabs">Slabs kept for reuse at most; more are left to the collector.</param>
    public RawArena(int maxFreeSlabs = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFreeSlabs, 0);
        _maxFree = maxFreeSlabs;
    }

    /// <summary>Slabs made so far (for tests and measurements: a pipeline that releases its events makes few).</summary>
    public int SlabsMade { get; private set; }

    /// <summary>
    /// Copies a raw record into the arena before the event that will hold it exists (a case reader reads a window's raw
    /// records apart from the rows its events are built from): the piece goes to exactly one event
    /// (<see cref="AuditEvent.UseRaw"/>), or is released.
    /// </summary>
    public RawPiece Hold(ReadOnlySpan<byte> bytes) => new(Copy(bytes, out var slab), slab);

    /// <summary>Copies <paramref name="bytes"/> into the arena; <paramref name="slab"/> is what the copy's holder releases
    /// (null when the record got its own array).</summary>
    internal ReadOnlyMemory<byte> Copy(ReadOnlySpan<byte> bytes, out RawSlab? slab) => Copy(bytes, default, out slab);

    /// <summary>Copies <paramref name="bytes"/> and then <paramref name="trailer"/> into one piece of the arena (what a
    /// reader found in the record, to live and be released with it).</summary>
    internal ReadOnlyMemory<byte> Copy(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> trailer, out RawSlab? slab)
    {
        var length = bytes.Length + trailer.Length;
        if (length > MaxPooledBytes)
        {
            slab = null;
            return Concat(bytes, trailer);
        }
        if (_current is null || SlabBytes - _used < length)
        {
            // The reader's own reference to the full slab ends here; its events' references remain.
            _current?.Release();
            _current = new RawSlab(this, Take());
            _used = 0;
        }
        var start = _used;
        bytes.CopyTo(_current.Buffer.AsSpan(start));
        trailer.CopyTo(_current.Buffer.AsSpan(start + bytes.Length));
        _used += length;
        _current.AddReference();
        slab = _current;
        return _current.Buffer.AsMemory(start, length);
    }

    /// <summary>The two pieces in one array of their own.</summary>
    internal static byte[] Concat(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> trailer)
    {
        var copy = GC.AllocateUninitializedArray<byte>(bytes.Length + trailer.Length);
        bytes.CopyTo(copy);
        trailer.CopyTo(copy.AsSpan(bytes.Length));
        return copy;
    }

    private byte[] Take()
    {
        if (_free.TryDequeue(out var buffer)) return buffer;
        SlabsMade++;
        return GC.AllocateUninitializedArray<byte>(SlabBytes);
    }

    internal void Return(byte[] buffer)
    {
        if (_free.Count < _maxFree) _free.Enqueue(buffer);
    }
}

/// <summary>A raw record held in a <see cref="RawArena"/> for an event not made yet (<see cref="RawArena.Hold"/>).</summary>
public readonly struct RawPiece
{
    internal RawPiece(ReadOnlyMemory<byte> bytes, RawSlab? slab)
    {
        Bytes = bytes;
        Slab = slab;
    }

    /// <summary>The record's UTF-8 bytes, valid until the piece (or the event it went to) is released.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    internal RawSlab? Slab { get; }

    /// <summary>Gives the piece's memory back to its arena: for a piece that went to no event.</summary>
    public void Release() => Slab?.Release();
}

/// <summary>One slab of a <see cref="RawArena"/>, counting the events that still hold part of it (and the reader,
/// while it fills the slab).</summary>
internal sealed class RawSlab(RawArena arena, byte[] buffer)
{
    private int _references = 1;

    public byte[] Buffer { get; } = buffer;

    public void AddReference() => Interlocked.Increment(ref _references);

    public void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left == 0) arena.Return(Buffer);
        else if (left < 0) throw new InvalidOperationException("a raw record was released twice");
    }
}
