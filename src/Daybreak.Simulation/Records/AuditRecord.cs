namespace Daybreak.Simulation.Records;

/// <summary>An Entra directory audit.</summary>
internal sealed class AuditRecord : SimRecord
{
    public required string Id { get; init; }
    public required string Category { get; init; }
    public required string ActivityDisplayName { get; init; }
    public required string OperationType { get; init; }
    public string Result { get; init; } = "success";
    public string ResultReason { get; init; } = "";
    public string LoggedByService { get; init; } = "Core Directory";
    public required Guid CorrelationId { get; init; }
    public required AuditInitiator InitiatedBy { get; init; }
    public required IReadOnlyList<AuditTarget> Targets { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> AdditionalDetails { get; init; } = [];
    public override string RecordId => Id;
    public override LogSource Source => LogSource.DirectoryAudits;
    public override string Stream => "AuditLogs";
}
