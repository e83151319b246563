using System.Runtime.InteropServices;
using Daybreak.Collections;

namespace Daybreak.Scoping;

/// <summary>
/// The (user, IP) pairs seen so far, each with when it was first seen and on how many distinct days (up to the number
/// that makes it familiar): what tells an owner's routine reads from a stolen session's. Users are numbered here and IPs
/// by the caller (<see cref="TextNumbers"/>, the scoper's <see cref="Correlation.IpPopularity"/>); an IP's first user is
/// kept in a struct by IP number and only an IP that served several users needs a dictionary entry for the others. Every successful sign-in of a hunt passes through here, and as a
/// dictionary of string pairs this table held every IP of the hunt as a string object.
/// </summary>
internal sealed class FamiliarPairs(int familiarAfterDays, TimeSpan familiarAfter)
{
    private struct Pair
    {
        public int User;        // 1 + the user's number; 0: no pair yet
        public int LastDay;     // DateOnly.DayNumber of the last sighting
        public int Days;        // distinct days seen, up to familiarAfterDays
        public long FirstTicks;
    }

    private readonly TextNumbers _users = new();
    private readonly ChunkedArray<Pair> _firstUserOfIp = new(256);
    private readonly Dictionary<long, Pair> _otherUsers = []; // by user number << 32 | IP number

    /// <summary>Pairs seen.</summary>
    public int Count { get; private set; }

    /// <summary>Records a sighting of <paramref name="user"/> (as its key: trimmed, lower-case) at the IP numbered
    /// <paramref name="ip"/>; true when the pair was already familiar: first seen at least <c>familiarAfter</c> before and on
    /// <c>familiarAfterDays</c> distinct days (so an attacker's evening that runs past midnight stays unfamiliar).</summary>
    public bool See(string user, int ip, DateTime time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ip);
        var u = _users.Number(user);
        if (ip >= _firstUserOfIp.Capacity) _firstUserOfIp.EnsureCapacity(ip + 1);
        ref var first = ref _firstUserOfIp[ip];
        if (first.User == 0) return Add(ref first, u, time);
        if (first.User == u + 1) return Seen(ref first, time);
        ref var other = ref CollectionsMarshal.GetValueRefOrAddDefault(_otherUsers, (long)u << 32 | (uint)ip, out var exists);
        return exists ? Seen(ref other, time) : Add(ref other, u, time);
    }

    private bool Add(ref Pair pair, int user, DateTime time)
    {
        pair = new Pair { User = user + 1, LastDay = DateOnly.FromDateTime(time).DayNumber, Days = 1, FirstTicks = time.Ticks };
        Count++;
        return false;
    }

    private bool Seen(ref Pair pair, DateTime time)
    {
        var day = DateOnly.FromDateTime(time).DayNumber;
        if (day > pair.LastDay)
        {
            pair.LastDay = day;
            pair.Days = Math.Min(pair.Days + 1, familiarAfterDays);
        }
        return pair.Days >= familiarAfterDays && time - new DateTime(pair.FirstTicks) >= familiarAfter;
    }
}
