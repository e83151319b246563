using Daybreak.Simulation.Randomness;

namespace Daybreak.Tests;

public sealed class SimRandomTests
{
    [Fact]
    public void Xoshiro_sequence_is_pinned()
    {
        // Output must never change across .NET versions or refactors: pin the first values for seed 1.
        var rng = new SimRandom(1);
        var first = Enumerable.Range(0, 3).Select(_ => rng.NextUInt64()).ToArray();
        var again = new SimRandom(1);
        Assert.Equal(first, Enumerable.Range(0, 3).Select(_ => again.NextUInt64()).ToArray());
        Assert.Equal(Pinned, first);
    }

    [Fact]
    public void Named_streams_are_independent_of_call_order()
    {
        var a = SimRandom.For(7, "u", 3, 5).NextUInt64();
        _ = SimRandom.For(7, "u", 4, 5).NextUInt64();
        Assert.Equal(a, SimRandom.For(7, "u", 3, 5).NextUInt64());
        Assert.NotEqual(a, SimRandom.For(7, "u", 3, 6).NextUInt64());
    }

    [Fact]
    public void Poisson_mean_is_close()
    {
        var rng = new SimRandom(3);
        var mean = Enumerable.Range(0, 20_000).Average(_ => rng.Poisson(2.5));
        Assert.InRange(mean, 2.4, 2.6);
    }

    private static readonly ulong[] Pinned = PinnedValues();

    private static ulong[] PinnedValues()
    {
        // Reference xoshiro256** seeded by SplitMix64(1), written out independently of SimRandom.
        ulong sm = 1;
        ulong Next()
        {
            var z = sm += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
        ulong s0 = Next(), s1 = Next(), s2 = Next(), s3 = Next();
        var result = new ulong[3];
        for (var i = 0; i < 3; i++)
        {
            result[i] = ulong.RotateLeft(s1 * 5, 7) * 9;
            var t = s1 << 17;
            s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = ulong.RotateLeft(s3, 45);
        }
        return result;
    }
}
