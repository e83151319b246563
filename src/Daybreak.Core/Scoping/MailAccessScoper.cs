using Daybreak.Collections;
using Daybreak.Correlation;
using Daybreak.Events;

namespace Daybreak.Scoping;

/// <summary>
/// Message-level blast radius from MailItemsAccessed. <see cref="Observe"/> keeps only the mail access that can be a
/// breach: reads through a client app that is not first-party (app-only or third-party delegated), reads by someone
/// other than the owner, and an owner's reads from an IP unfamiliar for them (how a stolen session shows). Routine
/// reads are never stored, so memory grows with those records, not with the input. <see cref="Scope"/> then collects,
/// per mailbox, what an incident's apps, principals, delegates and sessions read within its period: Bind message ids
/// (deduplicated), synced folders (the whole folder is exposed), and throttled windows as "accessed, items unknown".
/// </summary>
public sealed class MailAccessScoper : IBlastRadiusScoper
{
    private readonly MailAccessScoperOptions _options;
    private readonly IpPopularity _ips;
    // Made once: a method group passed as a delegate is a new delegate object per call (one per alert).
    private readonly Func<string, bool> _isCommonApp;
    private readonly ChunkedArray<MailRead> _reads = new(256);
    private int _readCount;
    private readonly KeptMailContents _contents = new();
    private readonly TextNumbers _names = new();     // owners and apps of kept reads
    private readonly TextNumbers _sessions = new();  // session and token ids of kept reads, lower-case
    private readonly Dictionary<string, List<int>> _index = new(StringComparer.Ordinal);
    private readonly FamiliarPairs _familiar;
    private DateTime _lastTime = DateTime.MinValue;

    /// <param name="ips">Shared with the correlator when the pipeline wires both (see <see cref="IncidentComponents"/>): the
    /// scoper sees every event and does the counting; a private one is kept when none is given.</param>
    public MailAccessScoper(MailAccessScoperOptions? options = null, IpPopularity? ips = null)
    {
        _options = options ?? new MailAccessScoperOptions();
        var errors = _options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _ips = ips ?? new IpPopularity(_options.MaxUsersPerIp);
        _isCommonApp = IsCommonApp;
        _familiar = new FamiliarPairs(_options.FamiliarAfterDays, _options.FamiliarAfter);
    }

    /// <summary>Mail accesses kept so far (for memory checks).</summary>
    public int Kept => _readCount;

    public void Observe(AuditEvent evt)
    {
        if (evt.Time > _lastTime) _lastTime = evt.Time;
        // The IP's number in the popularity's table keys the familiar pairs too: one lookup of the IP per event.
        var ipNumber = _ips.ObserveIp(evt);
        var user = evt.Actor.Upn;
        var mail = evt.Mail;
        var isMailRead = mail is not null && evt.Operation.Equals("MailItemsAccessed", StringComparison.OrdinalIgnoreCase)
                         && !string.IsNullOrEmpty(mail.MailboxOwnerUpn);
        if (!isMailRead)
        {
            if (evt.Source == SourceKind.SignIn && evt.Outcome.Status == OutcomeStatus.Success && user is not null && ipNumber >= 0)
                Familiarise(user, ipNumber, evt.Time);
            return;
        }

        var owner = mail!.MailboxOwnerUpn!.Trim().ToLowerInvariant();
        var client = Lower(mail.ClientAppId);
        var resource = Lower(mail.AppId);
        var actor = Lower(user);
        MailReadKind kind;
        if (client is not null && !IsCommonApp(client)) kind = MailReadKind.App;
        else if (actor is not null && actor != owner && !IsGuidLike(actor)) kind = MailReadKind.Delegate;
        else
        {
            var familiar = ipNumber < 0 || Familiarise(owner, ipNumber, evt.Time);
            if (familiar) return;
            kind = MailReadKind.OwnerUnfamiliar;
        }

        var session = Lower(evt.Auth.SessionId);
        var token = Lower(evt.Auth.UniqueTokenId);
        var via = client ?? resource;
        var at = _readCount++;
        _reads.EnsureCapacity(_readCount);
        var (firstFolder, folders) = _contents.Keep(mail.Folders);
        _reads[at] = new MailRead
        {
            Time = evt.Time, Owner = _names.Number(owner), Kind = kind,
            Sync = string.Equals(mail.AccessType, "Sync", StringComparison.OrdinalIgnoreCase),
            Throttled = mail.IsThrottled == true,
            Operations = Math.Max(1, mail.OperationCount ?? 1),
            Via = via is null ? -1 : _names.Number(via), Ip = ipNumber,
            Session = session is null ? -1 : _sessions.Number(session), Token = token is null ? -1 : _sessions.Number(token),
            FirstFolder = firstFolder, Folders = folders,
        };
        if (kind == MailReadKind.OwnerUnfamiliar)
        {
            Index("owner:", owner, at);
            return;
        }
        if (client is not null && !IsCommonApp(client)) Index("app:", client, at);
        if (resource is not null && !IsCommonApp(resource) && resource != client) Index("app:", resource, at);
        if (Lower(evt.Actor.ObjectId) is { } oid) Index("oid:", oid, at);
        if (kind == MailReadKind.Delegate) Index("user:", actor!, at); // a delegate read has an actor
        if (session is not null) Index("sess:", session, at);
        if (token is not null) Index("sess:", token, at);
    }

    public BlastRadius Scope(Incident incident)
    {
        // No mail access kept (logs without MailItemsAccessed, or only routine reads): nothing any incident could reach.
        if (_readCount == 0) return new BlastRadius();
        // Keys by kind and value, looked up in the index as "kind:value" composed in a buffer: a string per node of every
        // alert of every incident was most of what scoping allocated.
        var strong = new HashSet<(EntityKind Kind, string Value)>();
        var users = new HashSet<string>(StringComparer.Ordinal);
        var sessions = new HashSet<string>(StringComparer.Ordinal);
        var ips = new HashSet<string>(StringComparer.Ordinal);
        var nodes = new List<EntityNode>();
        foreach (var alert in incident.Alerts)
        {
            nodes.Clear();
            EntityNode.AddTo(nodes, alert, _isCommonApp);
            foreach (var node in nodes)
            {
                switch (node.Kind)
                {
                    case EntityKind.App or EntityKind.ObjectId: strong.Add((node.Kind, node.Value)); break;
                    case EntityKind.User: strong.Add((node.Kind, node.Value)); users.Add(node.Value); break;
                    case EntityKind.Session: strong.Add((node.Kind, node.Value)); sessions.Add(node.Value); break;
                    case EntityKind.Ip: if (!_ips.IsShared(node.Value)) ips.Add(node.Value); break;
                }
            }
        }

        var from = incident.FirstSeen;
        var strongTo = incident.LastSeen + _options.AccessAfterLastSeen;
        var weakTo = incident.LastSeen + _options.WeakLinkAfterLastSeen;
        var hits = new SortedSet<int>();
        foreach (var (kind, value) in strong)
        {
            if (Indexed(PrefixOf(kind), value) is not { } list) continue;
            foreach (var i in list)
            {
                var r = _reads[i];
                if (r.Time >= from && r.Time <= strongTo) hits.Add(i);
            }
        }
        // Kept reads name their sessions and IP by number: the incident's are looked up once (read-only: scoping runs
        // once observing is done, several incidents at a time).
        var sessionNumbers = Numbers(sessions, _sessions);
        var ipNumbers = Numbers(ips.Select(IpPopularity.Key), _ips.Ips);
        foreach (var owner in users)
        {
            if (Indexed("owner:", owner) is not { } list) continue;
            foreach (var i in list)
            {
                ref readonly var r = ref _reads[i];
                if (r.Time < from || r.Time > weakTo) continue;
                if (sessionNumbers.Contains(r.Session) || sessionNumbers.Contains(r.Token) || ipNumbers.Contains(r.Ip)) hits.Add(i);
            }
        }

        var radius = new BlastRadius();
        foreach (var (owner, reads) in hits.Select(i => _reads[i]).GroupBy(r => r.Owner).Select(g => (_names[g.Key], g)).OrderBy(g => g.Item1, StringComparer.Ordinal))
            radius.Mailboxes.Add(Exposure(owner, reads.OrderBy(r => r.Time).ToList()));
        return radius;
    }

    /// <summary>The numbers of <paramref name="texts"/> that <paramref name="numbers"/> gave (never -1: "none" matches nothing).</summary>
    private static HashSet<int> Numbers(IEnumerable<string> texts, TextNumbers numbers)
    {
        var found = new HashSet<int>();
        foreach (var text in texts)
        {
            if (numbers.Find(text) is var n and >= 0) found.Add(n);
        }
        return found;
    }

    private MailboxExposure Exposure(string owner, List<MailRead> reads)
    {
        var x = new MailboxExposure { Owner = owner, FirstAccess = reads[0].Time, LastAccess = reads[^1].Time };
        foreach (var r in reads)
        {
            x.Operations += r.Operations;
            if (r.Via >= 0) x.Via.Add(_names[r.Via]);
            for (var folder = r.FirstFolder; folder < r.FirstFolder + r.Folders; folder++)
            {
                if (r.Sync && _contents.PathOf(folder) is { } path) x.FoldersSynced.Add(path);
                var (first, count) = _contents.ItemsOf(folder);
                for (var item = first; item < first + count; item++)
                {
                    if (_contents.MessageIdOf(item) is { Length: > 0 } id && x.MessageIds.Add(id)) x.Bytes += _contents.SizeOf(item) ?? 0;
                }
            }
            if (r.Throttled) AddUnknownWindow(x.UnknownWindows, r.Time);
        }
        return x;
    }

    // A throttled record opens a window of ThrottleDuration; later throttled records inside it belong to it. Bind
    // items logged inside do not make it known: they are reported, and the window stays.
    private void AddUnknownWindow(List<TimeWindow> windows, DateTime at)
    {
        if (windows.Count > 0 && at < windows[^1].To) return;
        var to = at + _options.ThrottleDuration;
        if (_options.ClipUnknownWindowsToData && to > _lastTime && _lastTime > at) to = _lastTime;
        windows.Add(new TimeWindow(at, to));
    }

    /// <summary>Records a sighting of the (user, IP) pair; true when the pair was already familiar (see <see cref="FamiliarPairs.See"/>).</summary>
    private bool Familiarise(string user, int ip, DateTime time) => _familiar.See(user.Trim().ToLowerInvariant(), ip, time);

    private static string PrefixOf(EntityKind kind) => kind switch
    {
        EntityKind.App => "app:",
        EntityKind.ObjectId => "oid:",
        EntityKind.User => "user:",
        _ => "sess:",
    };

    /// <summary>The reads indexed under <paramref name="prefix"/> + <paramref name="value"/>, or null.</summary>
    private List<int>? Indexed(string prefix, string value)
    {
        Span<char> buffer = stackalloc char[256];
        return _index.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(Key(prefix, value, buffer), out var list) ? list : null;
    }

    /// <summary>Indexes read <paramref name="at"/> under <paramref name="prefix"/> + <paramref name="value"/>; the key's
    /// string is made only when the key is new (a read of a mailbox whose owner's reads are already indexed makes none).</summary>
    private void Index(string prefix, string value, int at)
    {
        Span<char> buffer = stackalloc char[256];
        var key = Key(prefix, value, buffer);
        var index = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!index.TryGetValue(key, out var list)) _index[key.ToString()] = list = [];
        list.Add(at);
    }

    /// <summary><paramref name="prefix"/> + <paramref name="value"/>, in <paramref name="buffer"/> when it fits.</summary>
    private static ReadOnlySpan<char> Key(string prefix, string value, Span<char> buffer)
    {
        var length = prefix.Length + value.Length;
        var key = length <= buffer.Length ? buffer[..length] : new char[length];
        prefix.CopyTo(key);
        value.CopyTo(key[prefix.Length..]);
        return key;
    }

    private bool IsCommonApp(string appId) => MicrosoftApps.IsCommon(appId) || _options.CommonAppIds.Contains(appId);

    private static string? Lower(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim().ToLowerInvariant();

    private static bool IsGuidLike(string s) => Guid.TryParse(s, out _);
}
