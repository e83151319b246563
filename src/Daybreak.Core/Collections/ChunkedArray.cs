using System.Numerics;
using System.Runtime.CompilerServices;

namespace Daybreak.Collections;

/// <summary>
/// An array of structs that grows a chunk at a time, each chunk below the large object heap's threshold (64 KB). Tables
/// that hold a hunt's hundreds of thousands of live entries in one array grew it by doubling: every doubling copied the
/// table into a new array on the large object heap, and allocations there start full collections (a third of the
/// 10x bench hunt's were started by one table's doublings). Chunks are never copied, and each is an ordinary young
/// object. Elements are reached by reference, at the cost of one more load than a plain array.
/// </summary>
internal sealed class ChunkedArray<T> where T : struct
{
    private const int ChunkBytes = 64 * 1024;
    private readonly int _shift;
    private readonly int _mask;
    private T[][] _chunks = [];
    private int _made; // chunks made; the directory may have room for more

    public ChunkedArray(int capacity = 0)
    {
        // A power of two per chunk, so an index splits into chunk and offset by a shift and a mask.
        _shift = BitOperations.Log2((uint)Math.Max(1, ChunkBytes / Unsafe.SizeOf<T>()));
        _mask = (1 << _shift) - 1;
        EnsureCapacity(capacity);
    }

    /// <summary>Elements the chunks made so far hold: a whole number of chunks.</summary>
    public int Capacity => _made << _shift;

    /// <summary>Elements per chunk (for tests).</summary>
    internal int ChunkLength => 1 << _shift;

    public ref T this[int index] => ref _chunks[index >> _shift][index & _mask];

    /// <summary>Adds chunks (zeroed) until <paramref name="capacity"/> elements fit.</summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity <= Capacity) return;
        var needed = (int)(((long)capacity + _mask) >> _shift);
        // The directory doubles (references: 8 bytes per 64 KB chunk, far below the threshold); chunks are made as needed.
        if (needed > _chunks.Length) Array.Resize(ref _chunks, Math.Max(needed, _chunks.Length * 2));
        for (; _made < needed; _made++) _chunks[_made] = new T[1 << _shift];
    }
}
