namespace Daybreak.Scoping;

/// <summary>What an incident reached: mailboxes to the message, and files and Graph resources its apps touched.</summary>
public sealed class BlastRadius
{
    public List<MailboxExposure> Mailboxes { get; } = [];

    public List<ResourceAccess> Resources { get; } = [];
}

/// <summary>
/// One mailbox's exposure. <see cref="MessageIds"/> come from Bind records; a Sync exposes a whole folder
/// (<see cref="FoldersSynced"/>); throttled windows are "accessed, items unknown" (<see cref="UnknownWindows"/>),
/// never "nothing read".
/// </summary>
public sealed class MailboxExposure
{
    public required string Owner { get; init; }

    public SortedSet<string> MessageIds { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> FoldersSynced { get; } = new(StringComparer.Ordinal);

    public List<TimeWindow> UnknownWindows { get; } = [];

    public DateTime FirstAccess { get; set; }

    public DateTime LastAccess { get; set; }

    /// <summary>App ids that read it.</summary>
    public SortedSet<string> Via { get; } = new(StringComparer.Ordinal);

    /// <summary>Sum of sizes of the distinct messages read, where logged.</summary>
    public long Bytes { get; set; }

    /// <summary>Aggregated access operations (OperationCount summed).</summary>
    public long Operations { get; set; }
}

/// <summary>A UTC time window.</summary>
public sealed record TimeWindow(DateTime From, DateTime To);
