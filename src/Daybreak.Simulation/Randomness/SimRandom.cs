namespace Daybreak.Simulation.Randomness;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Implemented here so output never depends on System.Random's
/// algorithm, which .NET does not promise to keep stable across versions.
/// </summary>
internal sealed class SimRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public SimRandom(ulong seed)
    {
        var sm = seed;
        _s0 = SplitMix(ref sm);
        _s1 = SplitMix(ref sm);
        _s2 = SplitMix(ref sm);
        _s3 = SplitMix(ref sm);
    }

    /// <summary>An independent stream for a named purpose and up to three indices (user, day, slice...).</summary>
    public static SimRandom For(ulong seed, string purpose, long a = 0, long b = 0, long c = 0)
        => new(StableHash.Mix(seed, StableHash.Of(purpose), (ulong)a, (ulong)b, (ulong)c));

    public SimRandom Fork(string purpose, long a = 0, long b = 0) => new(StableHash.Mix(NextUInt64(), StableHash.Of(purpose), (ulong)a, (ulong)b, 0));

    public static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, maxExclusive).</summary>
    public int Next(int maxExclusive)
    {
        if (maxExclusive <= 1) return 0;
        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    /// <summary>Uniform in [min, maxExclusive).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double p) => p > 0 && NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Knuth for small means, normal approximation for large ones.</summary>
    public int Poisson(double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 30)
        {
            var n = (int)Math.Round(mean + Math.Sqrt(mean) * Gaussian());
            return Math.Max(0, n);
        }
        var l = Math.Exp(-mean);
        var k = 0;
        var p = 1.0;
        do
        {
            k++;
            p *= NextDouble();
        } while (p > l);
        return k - 1;
    }

    public double Gaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>A version-4 shaped GUID from the stream.</summary>
    public Guid NextGuid()
    {
        Span<byte> b = stackalloc byte[16];
        BitConverter.TryWriteBytes(b, NextUInt64());
        BitConverter.TryWriteBytes(b[8..], NextUInt64());
        b[7] = (byte)((b[7] & 0x0F) | 0x40);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        return new Guid(b);
    }

    public string NextHex(int chars)
    {
        const string digits = "0123456789ABCDEF";
        return string.Create(chars, this, static (span, r) =>
        {
            ulong v = 0;
            for (var i = 0; i < span.Length; i++)
            {
                if (i % 16 == 0) v = r.NextUInt64();
                span[i] = digits[(int)(v & 0xF)];
                v >>= 4;
            }
        });
    }

    public string NextAlnum(int chars)
    {
        const string digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(chars, this, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = digits[r.Next(digits.Length)];
        });
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
