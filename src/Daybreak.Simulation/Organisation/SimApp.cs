namespace Daybreak.Simulation.Organisation;

/// <summary>An application and its service principal in one tenant.</summary>
internal sealed class SimApp
{
    public required Guid AppId { get; init; }
    /// <summary>The application object id in its home tenant (null for apps registered elsewhere).</summary>
    public Guid? ObjectId { get; init; }
    public required Guid ServicePrincipalId { get; init; }
    public required string DisplayName { get; init; }
    public required bool FirstParty { get; init; }
    public List<AppCredential> Credentials { get; } = [];
    public List<string> Permissions { get; } = [];
    public List<Guid> OwnerIds { get; } = [];
    public SimIp? HomeIp { get; set; }
    public string? UserAgent { get; init; }
}
