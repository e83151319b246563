using Daybreak.Scoping;

namespace Daybreak.Correlation;

/// <summary>Options of the incident stage: correlation and mail-access scoping.</summary>
public sealed class IncidentOptions
{
    public EntityGraphCorrelatorOptions Correlation { get; set; } = new();

    public MailAccessScoperOptions Scoping { get; set; } = new();
}

/// <summary>
/// The correlator and the scoper of a hunt, wired to share one <see cref="IpPopularity"/>: the scoper sees every event
/// (<see cref="IBlastRadiusScoper.Observe"/>) and counts who uses each IP, the correlator then refuses to join through
/// shared IPs. Use: <c>var c = IncidentComponents.CreateDefault(); new HuntAnalysis(detections, c.Correlator, c.Scoper)</c>.
/// </summary>
public sealed record IncidentComponents(IIncidentCorrelator Correlator, IBlastRadiusScoper Scoper, IpPopularity Ips, MailAccessScoper Mail)
{
    public static IncidentComponents CreateDefault(IncidentOptions? options = null)
    {
        options ??= new IncidentOptions();
        var errors = options.Correlation.Validate().Concat(options.Scoping.Validate()).ToList();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        var ips = new IpPopularity(options.Correlation.MaxUsersPerIp);
        var correlator = new EntityGraphCorrelator(options.Correlation, ips);
        var mail = new MailAccessScoper(options.Scoping, ips);
        var scoper = new CompositeScoper(mail, new ResourceReachScoper());
        return new IncidentComponents(correlator, scoper, ips, mail);
    }
}
