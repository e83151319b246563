using System.Runtime.CompilerServices;
using Daybreak.Collections;

namespace Daybreak.Tests.Collections;

/// <summary>A chunked array must hold what a plain array holds through growth, and never make an array the runtime puts on
/// the large object heap (the reason it exists).</summary>
public sealed class ChunkedArrayTests
{
    private struct Wide
    {
        public long A, B, C;
        public string? Text;
        public int D;
    }

    [Fact]
    public void Keeps_every_element_through_growth_and_answers_by_reference()
    {
        var rng = new Random(3);
        var model = new List<Wide>();
        var chunked = new ChunkedArray<Wide>();
        for (var n = 0; n < 40_000; n++)
        {
            var value = new Wide { A = rng.NextInt64(), B = n, C = -n, Text = rng.Next(3) == 0 ? null : "t" + n, D = rng.Next() };
            chunked.EnsureCapacity(n + 1);
            chunked[n] = value;
            model.Add(value);
            if (rng.Next(5) == 0)
            {
                // Changed in place through the reference, as the tables do.
                var i = rng.Next(n + 1);
                ref var slot = ref chunked[i];
                slot.D++;
                var m = model[i];
                m.D++;
                model[i] = m;
            }
        }
        Assert.True(chunked.Capacity >= model.Count);
        for (var i = 0; i < model.Count; i++) Assert.Equal(model[i], chunked[i]);
    }

    [Fact]
    public void Grows_by_whole_chunks_below_the_large_object_heap_and_starts_zeroed()
    {
        var chunked = new ChunkedArray<Wide>(1);
        // The runtime puts arrays of 85,000 bytes or more (header included) on the large object heap.
        Assert.InRange(chunked.ChunkLength * Unsafe.SizeOf<Wide>(), 32 * 1024, 85_000 - 64);
        Assert.Equal(chunked.ChunkLength, chunked.Capacity);
        chunked.EnsureCapacity(chunked.ChunkLength * 40 - 5);
        Assert.Equal(chunked.ChunkLength * 40, chunked.Capacity);
        Assert.Equal(default, chunked[chunked.Capacity - 1]);
        Assert.ThrowsAny<SystemException>(() => chunked[chunked.Capacity]);
    }
}
