namespace Daybreak.Simulation.Organisation;

internal enum IpKind
{
    Office,
    Home,
    Vpn,
    Travel,
    Mobile,
    Cloud,
    ResidentialProxy,
    Hosting,
}
