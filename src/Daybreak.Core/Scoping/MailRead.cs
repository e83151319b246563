
namespace Daybreak.Scoping;

/// <summary>Why a mail access was kept: only these can be part of a breach's blast radius.</summary>
internal enum MailReadKind
{
    /// <summary>A client app that is not a first-party one (app-only or delegated through a third-party app).</summary>
    App,
    /// <summary>Someone other than the owner.</summary>
    Delegate,
    /// <summary>The owner, from an IP not familiar for them: counts only through an incident's session or IP.</summary>
    OwnerUnfamiliar,
}

/// <summary>The part of one MailItemsAccessed record that scoping needs.</summary>
internal sealed class MailRead
{
    public required DateTime Time { get; init; }
    public required string Owner { get; init; }
    public required MailReadKind Kind { get; init; }
    public bool Sync { get; init; }
    public bool Throttled { get; init; }
    public int Operations { get; init; }
    public string? Via { get; init; }
    public string? Ip { get; init; }
    public string[] Sessions { get; init; } = [];
    /// <summary>The record's folders and their items, as numbers in the scoper's <see cref="KeptMailContents"/>.</summary>
    public required (int First, int Count) Folders { get; init; }
}
