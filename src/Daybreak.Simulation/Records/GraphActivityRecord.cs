using Daybreak.Simulation.Organisation;

namespace Daybreak.Simulation.Records;

/// <summary>A Microsoft Graph activity log entry (one HTTP request to Graph).</summary>
internal sealed class GraphActivityRecord : SimRecord
{
    public required Guid RequestId { get; init; }
    public required Guid ClientRequestId { get; init; }
    public string ApiVersion { get; init; } = "v1.0";
    public string RequestMethod { get; init; } = "GET";
    public required string RequestUri { get; init; }
    public int ResponseStatusCode { get; init; } = 200;
    public required int ResponseSizeBytes { get; init; }
    public required int DurationMs { get; init; }
    public required Guid AppId { get; init; }
    public Guid? ServicePrincipalId { get; init; }
    public Guid? UserId { get; init; }
    public required SimIp Ip { get; init; }
    public required string UserAgent { get; init; }
    public string? Roles { get; init; }
    public string? Scopes { get; init; }
    public string? Wids { get; init; }
    public required string SignInActivityId { get; init; }
    public required DateTime TokenIssuedAt { get; init; }
    /// <summary>0 public client, 1 client secret, 2 certificate.</summary>
    public int ClientAuthMethod { get; init; }
    public string Location { get; init; } = "East US";
    public override string RecordId => RequestId.ToString();
    public override LogSource Source => LogSource.GraphActivity;
    public override string Stream => "MicrosoftGraphActivityLogs";
}
