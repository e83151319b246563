namespace Daybreak.Simulation.Randomness;

/// <summary>Hashes that never change between runs or .NET versions (string.GetHashCode is randomised per process).</summary>
internal static class StableHash
{
    /// <summary>FNV-1a over UTF-16 code units.</summary>
    public static ulong Of(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var ch in text)
        {
            h ^= ch;
            h *= 1099511628211UL;
        }
        return h;
    }

    public static ulong Mix(ulong a, ulong b, ulong c, ulong d, ulong e)
    {
        var s = a;
        var h = SimRandom.SplitMix(ref s);
        s ^= b; h ^= SimRandom.SplitMix(ref s);
        s ^= c; h ^= SimRandom.SplitMix(ref s);
        s ^= d; h ^= SimRandom.SplitMix(ref s);
        s ^= e; h ^= SimRandom.SplitMix(ref s);
        return h;
    }
}
