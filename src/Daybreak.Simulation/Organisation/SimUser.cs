namespace Daybreak.Simulation.Organisation;

/// <summary>A user account in one tenant, with where it works from and its mailbox.</summary>
internal sealed class SimUser
{
    public required int Index { get; init; }
    public required SimTenant Tenant { get; init; }
    public required Guid Id { get; init; }
    public required string UserPrincipalName { get; init; }
    public required string DisplayName { get; init; }
    public required string Department { get; init; }
    public required string JobTitle { get; init; }
    public required UserKind Kind { get; init; }
    public required bool IsVip { get; init; }
    public required bool MfaRegistered { get; init; }
    public required bool Dormant { get; init; }
    public required GeoPlace Office { get; init; }
    public required SimIp OfficeIp { get; init; }
    public required SimIp HomeIp { get; init; }
    public required SimIp MobileIp { get; init; }
    public required string DeviceId { get; init; }
    public required string DeviceName { get; init; }
    public required string OperatingSystem { get; init; }
    public required string Browser { get; init; }
    public required string UserAgent { get; init; }
    /// <summary>UAL UserKey: the Exchange PUID as 16 hex digits.</summary>
    public required string Puid { get; init; }
    public Mailbox? Mailbox { get; init; }
    /// <summary>Index of the executive whose mailbox this user (an assistant) opens as a delegate.</summary>
    public int? AssistantOf { get; set; }
    /// <summary>How active the user is relative to the average (log-normal spread).</summary>
    public required double Activity { get; init; }
}
