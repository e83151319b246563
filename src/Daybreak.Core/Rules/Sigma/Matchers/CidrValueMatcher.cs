using System.Net;

namespace Daybreak.Rules.Sigma;

/// <summary><c>|cidr</c> for IPv4 and IPv6; IPv4-mapped IPv6 addresses match IPv4 networks.</summary>
internal sealed class CidrValueMatcher : IValueMatcher
{
    private readonly byte[] _network;
    private readonly int _prefix;

    private CidrValueMatcher(byte[] network, int prefix)
    {
        _network = network;
        _prefix = prefix;
    }

    public static bool TryCreate(string cidr, out CidrValueMatcher? matcher)
    {
        matcher = null;
        var slash = cidr.IndexOf('/');
        var addressText = slash < 0 ? cidr : cidr[..slash];
        if (!IPAddress.TryParse(addressText.Trim(), out var address)) return false;
        var bytes = address.GetAddressBytes();
        var prefix = bytes.Length * 8;
        if (slash >= 0 && (!int.TryParse(cidr[(slash + 1)..], out prefix) || prefix < 0 || prefix > bytes.Length * 8)) return false;
        matcher = new CidrValueMatcher(bytes, prefix);
        return true;
    }

    public bool IsMatch(in FieldValue value, ISigmaEvent evt)
    {
        if (value.Text is not { } text || !IPAddress.TryParse(text.Trim(), out var address)) return false;
        if (address.IsIPv4MappedToIPv6 && _network.Length == 4) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        if (bytes.Length != _network.Length) return false;
        var full = _prefix / 8;
        for (var i = 0; i < full; i++)
        {
            if (bytes[i] != _network[i]) return false;
        }
        var rest = _prefix % 8;
        if (rest == 0) return true;
        var mask = (byte)(0xFF << (8 - rest));
        return (bytes[full] & mask) == (_network[full] & mask);
    }
}
