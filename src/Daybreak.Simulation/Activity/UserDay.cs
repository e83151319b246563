using Daybreak.Simulation.Organisation;
using Daybreak.Simulation.Randomness;

namespace Daybreak.Simulation.Activity;

/// <summary>Where a user works from on one day and the session they keep: drawn once per (user, day).</summary>
internal readonly record struct UserDay(SimIp Ip, bool Travelling, Guid Session)
{
    public static UserDay For(SimUser user, ulong seed, int day, ActivityRates rates, bool weekend)
    {
        var rng = SimRandom.For(seed, "userday", user.Index, day);
        var session = rng.NextGuid();
        if (rng.Chance(rates.TravelDayRate)) return new(IpFactory.From(Places.TravelNetworks, rng), true, session);
        if (weekend || rng.Chance(rates.HomeDayRate))
            return new(rng.Chance(rates.VpnShare) ? IpFactory.From(Places.VpnNetworks, rng) : user.HomeIp, false, session);
        return new(user.OfficeIp, false, session);
    }
}
