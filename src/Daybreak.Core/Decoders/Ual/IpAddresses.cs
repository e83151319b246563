using System.Net;

namespace Daybreak.Decoders.Ual;

/// <summary>
/// UAL writes client addresses as <c>1.2.3.4</c>, <c>1.2.3.4:50123</c>, <c>[2a01::1]:36185</c> or bare IPv6; this
/// returns the address alone so the same client joins across logs.
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
            return close > 1 ? s[1..close] : s.Trim('[', ']');
        }
        if (IPAddress.TryParse(s, out _) && s.Count(c => c == ':') != 1) return s; // IPv4 or bare IPv6
        var colon = s.LastIndexOf(':');
        if (colon > 0 && s.IndexOf(':') == colon && IPAddress.TryParse(s[..colon], out _)) return s[..colon]; // IPv4:port
        return s;
    }
}
