namespace Daybreak.Events;

/// <summary>A mailbox access (UAL MailItemsAccessed and relatives). Bind lists messages by id; Sync exposes a whole folder.</summary>
public sealed class MailAccess
{
    public string? MailboxOwnerUpn { get; set; }

    public string? MailboxGuid { get; set; }

    /// <summary>"Bind" or "Sync" (OperationProperties MailAccessType).</summary>
    public string? AccessType { get; set; }

    /// <summary>True when Exchange stopped logging Bind items for this mailbox (more than 1,000 records in 24h).</summary>
    public bool? IsThrottled { get; set; }

    /// <summary>Number of aggregated operations in the record (Bind is aggregated per 2-minute window).</summary>
    public int? OperationCount { get; set; }

    public List<MailFolder> Folders { get; init; } = [];

    public string? ClientInfoString { get; set; }

    /// <summary>AppId: the resource application (EWS, Graph 00000003-...).</summary>
    public string? AppId { get; set; }

    /// <summary>ClientAppId: the client application that called it; the attacker's app in an app-only read.</summary>
    public string? ClientAppId { get; set; }
}

/// <summary>A folder touched by a mail access, with the items named in it.</summary>
public sealed class MailFolder
{
    public string? Id { get; set; }

    public string? Path { get; set; }

    public List<MailItem> Items { get; } = [];
}

/// <summary>One message, identified by its InternetMessageId.</summary>
public sealed record MailItem(string? InternetMessageId, long? SizeInBytes, string? ImmutableId = null);
