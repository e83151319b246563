using Daybreak.Simulation.Organisation;
using Daybreak.Simulation.Randomness;

namespace Daybreak.Simulation.Scenarios;

internal static class Victims
{
    /// <summary>An active, MFA-registered user with a mailbox in one of the departments, chosen by the scenario's stream.</summary>
    public static SimUser Pick(Organisation.Organisation org, SimRandom rng, params string[] departments)
    {
        var pool = org.Users.Where(u => departments.Contains(u.Department) && u.Mailbox is not null && !u.Dormant && u.MfaRegistered
                                        && u.Kind == UserKind.Member && u != org.MisconfiguredDeviceUser).ToList();
        if (pool.Count == 0) pool = org.Users.Where(u => u.Mailbox is not null && !u.Dormant && u.Kind == UserKind.Member).ToList();
        return rng.Pick(pool);
    }
}
