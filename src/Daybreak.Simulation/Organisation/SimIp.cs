namespace Daybreak.Simulation.Organisation;

/// <summary>One public address with what GeoIP/ASN lookups would say about it.</summary>
internal sealed record SimIp(string Address, GeoPlace Place, int Asn, string AsnName, IpKind Kind);
