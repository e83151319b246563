using Daybreak.Simulation.Randomness;

namespace Daybreak.Simulation.Organisation;

/// <summary>
/// An Exchange Online mailbox. Message k of a folder is a pure function of (mailbox, folder, k), so any message id
/// the logs name can be recomputed and nothing grows with the number of simulated days.
/// </summary>
internal sealed class Mailbox
{
    private readonly ulong _seed;

    public Mailbox(ulong seed, Guid guid, string server, string sid, IReadOnlyList<MailFolder> folders)
    {
        _seed = seed;
        Guid = guid;
        Server = server;
        Sid = sid;
        Folders = folders;
    }

    public Guid Guid { get; }

    /// <summary>Mailbox server name as OriginatingServer shows it, e.g. AM6PR04MB1234.</summary>
    public string Server { get; }

    public string Sid { get; }

    public IReadOnlyList<MailFolder> Folders { get; }

    public MailFolder Inbox => Folders[0];

    public int CountAt(MailFolder folder, double dayOffset) => folder.InitialCount + (int)(folder.PerDay * Math.Max(0, dayOffset));

    public MailMessage Message(MailFolder folder, int k)
    {
        var rng = new SimRandom(StableHash.Mix(_seed, (ulong)folder.Index, (ulong)k, 0x6d61696c, 0));
        var local = rng.NextHex(32);
        var host = rng.Chance(0.7) ? $"{Server}.namprd04.prod.outlook.com" : rng.Pick(ExternalHosts);
        var hasAttachments = rng.Chance(0.22);
        var size = (long)(hasAttachments ? 40_000 + rng.NextDouble() * 2_500_000 : 3_000 + rng.NextDouble() * 90_000);
        var itemId = "AAMkA" + rng.NextAlnum(40) + "AAA=";
        return new MailMessage($"<{Server}{local}@{host}>", size, hasAttachments, itemId);
    }

    /// <summary>A recent-biased message index: people (and attackers) read new mail more than old.</summary>
    public int PickIndex(MailFolder folder, double dayOffset, SimRandom rng)
    {
        var count = CountAt(folder, dayOffset);
        if (count <= 0) return 0;
        var back = (int)(Math.Pow(rng.NextDouble(), 3) * count);
        return Math.Max(0, count - 1 - back);
    }

    private static readonly string[] ExternalHosts =
    [
        "mail.gmail.com", "eu-west-1.amazonses.com", "mx.salesforce.com", "smtp.mailgun.org", "mail.yahoo.com",
    ];
}
