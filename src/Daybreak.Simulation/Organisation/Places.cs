namespace Daybreak.Simulation.Organisation;

/// <summary>Places and networks the simulated tenant lives in. Offsets are fixed (no daylight saving) to keep rhythm simple.</summary>
internal static class Places
{
    public static readonly GeoPlace NewYork = new("New York", "New York", "US", 40.7128, -74.006, -5);
    public static readonly GeoPlace London = new("London", "England", "GB", 51.5072, -0.1276, 0);
    public static readonly GeoPlace Chicago = new("Chicago", "Illinois", "US", 41.8781, -87.6298, -6);
    public static readonly GeoPlace Dallas = new("Dallas", "Texas", "US", 32.7767, -96.797, -6);
    public static readonly GeoPlace Atlanta = new("Atlanta", "Georgia", "US", 33.749, -84.388, -5);
    public static readonly GeoPlace Manchester = new("Manchester", "England", "GB", 53.4808, -2.2426, 0);
    public static readonly GeoPlace Amsterdam = new("Amsterdam", "Noord-Holland", "NL", 52.3676, 4.9041, 1);
    public static readonly GeoPlace Frankfurt = new("Frankfurt am Main", "Hessen", "DE", 50.1109, 8.6821, 1);
    public static readonly GeoPlace Paris = new("Paris", "Ile-de-France", "FR", 48.8566, 2.3522, 1);
    public static readonly GeoPlace Singapore = new("Singapore", "Central Singapore", "SG", 1.3521, 103.8198, 8);
    public static readonly GeoPlace Tokyo = new("Tokyo", "Tokyo", "JP", 35.6762, 139.6503, 9);
    public static readonly GeoPlace Dublin = new("Dublin", "Dublin", "IE", 53.3498, -6.2603, 0);
    public static readonly GeoPlace Virginia = new("Boydton", "Virginia", "US", 36.6676, -78.3875, -5);
    public static readonly GeoPlace Phoenix = new("Phoenix", "Arizona", "US", 33.4484, -112.074, -7);
    public static readonly GeoPlace Seattle = new("Seattle", "Washington", "US", 47.6062, -122.3321, -8);
    public static readonly GeoPlace Moscow = new("Moscow", "Moscow", "RU", 55.7558, 37.6173, 3);
    public static readonly GeoPlace Lagos = new("Lagos", "Lagos", "NG", 6.5244, 3.3792, 1);

    public static readonly IpNetwork[] OfficeNetworks =
    [
        new(64, 125, 6461, "ZAYO-6461", NewYork, IpKind.Office),
        new(195, 66, 5400, "BT-UK-AS", London, IpKind.Office),
    ];

    public static readonly IpNetwork[] VpnNetworks =
    [
        new(20, 121, 8075, "MICROSOFT-CORP-MSN-AS-BLOCK", Virginia, IpKind.Vpn),
        new(20, 108, 8075, "MICROSOFT-CORP-MSN-AS-BLOCK", Dublin, IpKind.Vpn),
    ];

    public static readonly IpNetwork[] UsHomeNetworks =
    [
        new(73, 12, 7922, "COMCAST-7922", NewYork, IpKind.Home),
        new(73, 45, 7922, "COMCAST-7922", Atlanta, IpKind.Home),
        new(71, 185, 20115, "CHARTER-20115", Dallas, IpKind.Home),
        new(108, 30, 701, "UUNET", NewYork, IpKind.Home),
        new(99, 18, 7018, "ATT-INTERNET4", Chicago, IpKind.Home),
        new(24, 90, 20115, "CHARTER-20115", Phoenix, IpKind.Home),
    ];

    public static readonly IpNetwork[] UkHomeNetworks =
    [
        new(86, 151, 2856, "BT-UK-AS", London, IpKind.Home),
        new(82, 38, 5089, "NTL", Manchester, IpKind.Home),
        new(90, 200, 5607, "BSKYB-BROADBAND-AS", London, IpKind.Home),
    ];

    public static readonly IpNetwork[] MobileNetworks =
    [
        new(172, 58, 21928, "T-MOBILE-AS21928", NewYork, IpKind.Mobile),
        new(174, 205, 22394, "CELLCO", Chicago, IpKind.Mobile),
        new(92, 40, 25135, "VODAFONE_UK_ASN", London, IpKind.Mobile),
    ];

    public static readonly IpNetwork[] TravelNetworks =
    [
        new(85, 214, 6724, "Strato AG", Frankfurt, IpKind.Travel),
        new(80, 12, 3215, "Orange", Paris, IpKind.Travel),
        new(145, 53, 1136, "KPN", Amsterdam, IpKind.Travel),
        new(116, 88, 9506, "SINGTEL-FIBRE", Singapore, IpKind.Travel),
        new(126, 78, 17676, "SoftBank Corp.", Tokyo, IpKind.Travel),
    ];

    public static readonly IpNetwork[] CloudNetworks =
    [
        new(20, 42, 8075, "MICROSOFT-CORP-MSN-AS-BLOCK", Virginia, IpKind.Cloud),
        new(52, 168, 8075, "MICROSOFT-CORP-MSN-AS-BLOCK", Virginia, IpKind.Cloud),
        new(3, 216, 16509, "AMAZON-02", Virginia, IpKind.Cloud),
        new(34, 120, 396982, "GOOGLE-CLOUD-PLATFORM", Dallas, IpKind.Cloud),
    ];

    /// <summary>Residential ranges the attacker's proxy network exits from: the same ISPs employees use at home.</summary>
    public static readonly IpNetwork[] ProxyNetworks =
    [
        new(73, 170, 7922, "COMCAST-7922", Chicago, IpKind.ResidentialProxy),
        new(73, 61, 7922, "COMCAST-7922", Seattle, IpKind.ResidentialProxy),
        new(76, 104, 20115, "CHARTER-20115", Dallas, IpKind.ResidentialProxy),
        new(68, 102, 7018, "ATT-INTERNET4", Atlanta, IpKind.ResidentialProxy),
        new(98, 113, 701, "UUNET", Phoenix, IpKind.ResidentialProxy),
        new(47, 14, 7922, "COMCAST-7922", NewYork, IpKind.ResidentialProxy),
        new(81, 97, 2856, "BT-UK-AS", Manchester, IpKind.ResidentialProxy),
        new(84, 56, 3320, "DTAG", Frankfurt, IpKind.ResidentialProxy),
    ];

    /// <summary>Bulletproof hosting and VPS ranges used by phishing kits and commodity attackers.</summary>
    public static readonly IpNetwork[] HostingNetworks =
    [
        new(185, 220, 205100, "F3 Netze e.V.", Frankfurt, IpKind.Hosting),
        new(45, 134, 49505, "SELECTEL", Moscow, IpKind.Hosting),
        new(102, 89, 37148, "Globacom", Lagos, IpKind.Hosting),
        new(193, 149, 14061, "DIGITALOCEAN-ASN", Amsterdam, IpKind.Hosting),
    ];
}
