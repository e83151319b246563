namespace Daybreak.Response.Notices;

/// <summary>What goes into every notice besides the facts of the incident.</summary>
public sealed class NoticeOptions
{
    /// <summary>Who the employee should contact (address or team), shown in the notice.</summary>
    public string Contact { get; init; } = "your security team";

    public string Organisation { get; init; } = "";

    /// <summary>Domains counted as internal; the mailbox owners' own domains always are.</summary>
    public ISet<string> InternalDomains { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Messages listed one by one in a notice; the rest are counted.</summary>
    public int MaxMessagesListed { get; init; } = 200;

    /// <summary>Message metadata by InternetMessageId (from a message trace), or null when none was given.</summary>
    public IReadOnlyDictionary<string, MessageMetadata>? Metadata { get; init; }
}
