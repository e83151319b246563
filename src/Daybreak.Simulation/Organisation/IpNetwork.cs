namespace Daybreak.Simulation.Organisation;

/// <summary>A /16 of an ISP or cloud in one place; addresses are drawn from it.</summary>
internal sealed record IpNetwork(byte A, byte B, int Asn, string AsnName, GeoPlace Place, IpKind Kind);
