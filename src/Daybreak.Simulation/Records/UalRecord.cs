using Daybreak.Simulation.Organisation;

namespace Daybreak.Simulation.Records;

/// <summary>A Unified Audit Log record (Exchange workload): MailItemsAccessed or an admin cmdlet.</summary>
internal sealed class UalRecord : SimRecord
{
    public required Guid Id { get; init; }
    public required string Operation { get; init; }
    /// <summary>RecordType: 50 ExchangeItemAggregated, 1 ExchangeAdmin, 2 ExchangeItem.</summary>
    public required int RecordType { get; init; }
    public required string UserId { get; init; }
    public required string UserKey { get; init; }
    /// <summary>UserType: 0 Regular, 2 Admin, 5 Application.</summary>
    public int UserType { get; init; }
    public required string ClientIp { get; init; }
    public string ResultStatus { get; init; } = "Succeeded";
    public SimUser? MailboxOwner { get; init; }
    public SimUser? Actor { get; init; }
    /// <summary>0 Owner, 1 Admin, 2 Delegate.</summary>
    public int LogonType { get; init; }
    public string? ClientInfoString { get; init; }
    public Guid? AppId { get; init; }
    public Guid? ClientAppId { get; init; }
    public Guid? TokenObjectId { get; init; }
    public string? UniqueTokenId { get; init; }
    public Guid? SessionId { get; init; }
    public DateTime? TokenIssuedAt { get; init; }
    // MailItemsAccessed
    public string? MailAccessType { get; init; }
    public bool IsThrottled { get; init; }
    public int OperationCount { get; init; }
    public IReadOnlyList<UalFolderAccess> Folders { get; init; } = [];
    // Admin cmdlets
    public string? ObjectId { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];
    public override string RecordId => Id.ToString();
    public override LogSource Source => LogSource.UnifiedAuditLog;
    public override string Stream => "Audit.Exchange";
    public string RecordTypeName => RecordType switch
    {
        50 => "ExchangeItemAggregated",
        1 => "ExchangeAdmin",
        2 => "ExchangeItem",
        _ => "ExchangeItemAggregated",
    };
}
