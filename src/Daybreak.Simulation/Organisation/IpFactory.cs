using Daybreak.Simulation.Randomness;

namespace Daybreak.Simulation.Organisation;

internal static class IpFactory
{
    public static SimIp From(IpNetwork net, SimRandom rng)
        => new($"{net.A}.{net.B}.{rng.Next(0, 256)}.{rng.Next(1, 255)}", net.Place, net.Asn, net.AsnName, net.Kind);

    public static SimIp From(IReadOnlyList<IpNetwork> nets, SimRandom rng) => From(rng.Pick(nets), rng);
}
