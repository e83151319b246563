using Daybreak.Events;

namespace Daybreak.Decoders.Ual;

/// <summary>
/// The fields of one UAL record that <see cref="UalEventBuilder"/> maps, read either from a JsonElement
/// (<see cref="UalElementReader"/>, every export variant) or in one token pass (<see cref="UalRecordReader"/>,
/// Management Activity API lines). Text fields hold what <see cref="JsonFields.Str"/> gives: empty counts as absent,
/// numbers and booleans as written. Keeping the two readers apart from one mapping is what makes them agree.
/// </summary>
internal sealed class UalRecord
{
    public string Operation = "";
    public string? Id;
    public DateTime Time;
    public string? OrganizationId;
    public string? Workload;
    public string? RecordType;
    // Read-only and empty by default without a list each: most records carry one of the four at most, and four
    // empty lists were 71 MB of the 1.6 GB a 10x UAL decode allocated.
    public IReadOnlyList<ModifiedProperty> OperationProperties = [];
    public IReadOnlyList<ModifiedProperty> ModifiedProperties = [];
    public IReadOnlyList<ModifiedProperty> ExtendedProperties = [];
    public IReadOnlyList<ModifiedProperty> Parameters = [];
    public string? ResultStatus;
    public string? ErrorNumber;
    public string? LogonError;
    public string? UserType;
    public string? UserId;
    public string? UserKey;
    public AadIdentities.Entity? Actor;
    public AadIdentities.Entity? Target;

    /// <summary>ClientAppId, else AppAccessContext.ClientAppId.</summary>
    public string? ClientAppId;
    public string? AppId;
    public string? ApplicationId;
    public string? TokenObjectId;

    /// <summary>ClientIPAddress, ClientIP, Client_IPAddress or ActorIpAddress, the first present.</summary>
    public string? ClientIp;
    public string? ClientInfoString;
    public string? UserAgent;

    /// <summary>SessionId, else AppAccessContext.AADSessionId.</summary>
    public string? SessionId;
    public string? UniqueTokenId;
    public string? CorrelationId;

    /// <summary>ObjectId, else OfficeObjectId.</summary>
    public string? ObjectId;
    public string? ItemType;
    public string? MailboxOwnerUpn;
    public string? MailboxGuid;
    public string? OperationCount;

    /// <summary>Set for a mailbox record (see <c>MailAccessReader.IsMailboxRecord</c>): its folders and items.</summary>
    public List<MailFolder>? MailFolders;

    /// <summary>
    /// Every field as a new record has it, so that a reader can use one record for every line (a new one each was
    /// 90 MB of a 10x UAL decode). The event built from a record keeps no reference to it, only to its values.
    /// </summary>
    public void Reset()
    {
        Operation = "";
        Id = OrganizationId = Workload = RecordType = null;
        Time = default;
        OperationProperties = ModifiedProperties = ExtendedProperties = Parameters = [];
        ResultStatus = ErrorNumber = LogonError = UserType = UserId = UserKey = null;
        Actor = Target = null;
        ClientAppId = AppId = ApplicationId = TokenObjectId = null;
        ClientIp = ClientInfoString = UserAgent = SessionId = UniqueTokenId = CorrelationId = null;
        ObjectId = ItemType = MailboxOwnerUpn = MailboxGuid = OperationCount = null;
        MailFolders = null;
    }
}
