namespace Daybreak.Events;

/// <summary>Where the request came from (OCSF <c>src_endpoint</c>, <c>http_request</c>).</summary>
public sealed class Network
{
    /// <summary>Client IP address, port stripped, as text.</summary>
    public string? Ip { get; set; }

    /// <summary>Two-letter country code where the source gives one.</summary>
    public string? Country { get; set; }

    public string? City { get; set; }

    /// <summary>Autonomous system number, when the source or enrichment knows it.</summary>
    public long? Asn { get; set; }

    public string? UserAgent { get; set; }

    /// <summary>Client application: "Browser", "Mobile Apps and Desktop clients", "Exchange ActiveSync", or the UAL ClientInfoString family.</summary>
    public string? ClientApp { get; set; }
}
