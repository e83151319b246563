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
    private Utf8Text _id;

    /// <summary>The folder's id. A reader may keep it as UTF-8 bytes (<see cref="IdUtf8"/>): the text is made on first read.</summary>
    public string? Id
    {
        get => _id.Text;
        set => _id = new Utf8Text(value);
    }

    public string? Path { get; set; }

    public List<MailItem> Items { get; } = [];

    /// <summary>The id as the UTF-8 bytes it was read as, when a reader kept it so; empty otherwise (then read <see cref="Id"/>).</summary>
    public ReadOnlyMemory<byte> IdUtf8() => _id.Utf8;

    /// <summary>Keeps the id as valid UTF-8 <paramref name="utf8"/> (non-empty), whose text is made only when read.</summary>
    internal void SetIdUtf8(ReadOnlyMemory<byte> utf8) => _id = new Utf8Text(utf8);
}

/// <summary>
/// One message, identified by its InternetMessageId. A reader may keep the id as the UTF-8 bytes it was read as: a
/// UAL record names several messages, most of which no stage ever reads as text (the store writes the bytes, the
/// scoper reads the ids of the mailboxes it reports), so their text is made only when read.
/// </summary>
public sealed class MailItem : IEquatable<MailItem>
{
    private Utf8Text _internetMessageId;

    public MailItem(string? internetMessageId, long? sizeInBytes, string? immutableId = null)
    {
        _internetMessageId = new Utf8Text(internetMessageId);
        SizeInBytes = sizeInBytes;
        ImmutableId = immutableId;
    }

    public string? InternetMessageId => _internetMessageId.Text;

    public long? SizeInBytes { get; }

    public string? ImmutableId { get; }

    /// <summary>The id as the UTF-8 bytes it was read as, when a reader kept it so; empty otherwise (then read <see cref="InternetMessageId"/>).</summary>
    public ReadOnlyMemory<byte> InternetMessageIdUtf8() => _internetMessageId.Utf8;

    /// <summary>Keeps the id as valid UTF-8 <paramref name="utf8"/> (non-empty), whose text is made only when read; for
    /// the reader that made the item, before anything else sees it.</summary>
    internal void SetInternetMessageIdUtf8(ReadOnlyMemory<byte> utf8) => _internetMessageId = new Utf8Text(utf8);

    public bool Equals(MailItem? other) =>
        other is not null && InternetMessageId == other.InternetMessageId && SizeInBytes == other.SizeInBytes && ImmutableId == other.ImmutableId;

    public override bool Equals(object? obj) => Equals(obj as MailItem);

    public override int GetHashCode() => HashCode.Combine(InternetMessageId, SizeInBytes, ImmutableId);

    public override string ToString() => $"MailItem {{ InternetMessageId = {InternetMessageId}, SizeInBytes = {SizeInBytes}, ImmutableId = {ImmutableId} }}";
}
