
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

/// <summary>
/// The part of one MailItemsAccessed record that scoping needs, as a row of numbers: texts are numbered by the scoper
/// (owner and app in its names, sessions in its sessions, the IP in its <see cref="Correlation.IpPopularity"/>) and the
/// folders and items kept in its <see cref="KeptMailContents"/>. A scoper keeps one per read that could be a breach's,
/// for the whole hunt; as an object with its strings and arrays each cost some 300 bytes and several objects that every
/// full collection traced.
/// </summary>
internal struct MailRead
{
    public DateTime Time;
    public int Owner;        // number in the scoper's names
    public int Via;          // number in the scoper's names of the client or resource app; -1 for none
    public int Ip;           // number in the IP popularity's IPs; -1 for none
    public int Session;      // numbers in the scoper's sessions (lower-case); -1 for none
    public int Token;
    public int FirstFolder;  // in the scoper's kept contents
    public int Folders;
    public int Operations;
    public MailReadKind Kind;
    public bool Sync;
    public bool Throttled;
}
