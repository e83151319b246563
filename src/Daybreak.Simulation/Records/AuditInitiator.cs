using Daybreak.Simulation.Organisation;

namespace Daybreak.Simulation.Records;

/// <summary>initiatedBy: exactly one of a user or an app.</summary>
internal sealed record AuditInitiator(SimUser? User, SimApp? App, string? IpAddress)
{
    public static AuditInitiator ByUser(SimUser user, string? ip) => new(user, null, ip);
    public static AuditInitiator ByApp(SimApp app) => new(null, app, null);
}
