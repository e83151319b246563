using System.Globalization;
using System.Net;

namespace Daybreak.Decoders.Ual;

/// <summary>
/// UAL writes client addresses as <c>1.2.3.4</c>, <c>1.2.3.4:50123</c>, <c>[2a01::1]:36185</c>, <c>[2a01::1]</c>,
/// bare IPv6, IPv4-mapped IPv6 (<c>::ffff:1.2.3.4</c>), and sometimes a host name. This returns the address alone,
/// IPv4-mapped addresses as IPv4, so the same client joins across logs; a host name is kept, without its port.
/// </summary>
internal static class IpAddresses
{
    public static string? Strip(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = text.Trim();
        if (s.StartsWith('['))
        {
            var close = s.IndexOf(']');
            s = close > 1 ? s[1..close] : s.Trim('[', ']');
        }
        else if (s.IndexOf(':') is var colon and > 0 && s.LastIndexOf(':') == colon
            && int.TryParse(s.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            s = s[..colon]; // one colon followed by digits: IPv4 or host name with a port
        }
        // Only an IPv6 address (which has a colon) can be IPv4-mapped: the common IPv4 address needs no parse.
        if (s.Contains(':') && IPAddress.TryParse(s, out var ip) && ip.IsIPv4MappedToIPv6) return ip.MapToIPv4().ToString();
        return s.Length == 0 ? null : s;
    }
}
