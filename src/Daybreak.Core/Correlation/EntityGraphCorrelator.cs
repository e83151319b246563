using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Daybreak.Detection;

namespace Daybreak.Correlation;

/// <summary>
/// Joins alerts into incidents through an entity graph: each alert has edges to the typed nodes it names (credential
/// key ids, session and token ids, object ids, app ids, UPNs, IPs), and two alerts meeting at a node join when they are
/// close enough in event time for that kind of node: weeks for strong keys, hours for an IP. Keys are not
/// tenant-qualified, so an app or user seen in the test and the production tenant joins across the boundary.
/// Shared IPs, first-party app ids and mailboxes never join. One connected component is one campaign. Alerts of community
/// rules that fire across the tenant (<see cref="TenantWideRules"/>) are left out.
/// </summary>
public sealed class EntityGraphCorrelator : IIncidentCorrelator
{
    private readonly EntityGraphCorrelatorOptions _options;
    private readonly IpPopularity? _ips;
    // Made once: a method group passed as a delegate is a new delegate object per call (one per alert).
    private readonly Func<string, bool> _isCommonApp;

    /// <param name="ips">IP popularity over the whole event stream, when the pipeline keeps one; otherwise IPs are
    /// judged on the alerts alone.</param>
    public EntityGraphCorrelator(EntityGraphCorrelatorOptions? options = null, IpPopularity? ips = null)
    {
        _options = options ?? new EntityGraphCorrelatorOptions();
        var errors = _options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _ips = ips;
        _isCommonApp = IsCommonApp;
    }

    public CorrelationResult Correlate(IReadOnlyList<Alert> alerts)
    {
        var tenantWide = TenantWideRules.Find(alerts, _ips?.Users ?? 0, _options);
        if (tenantWide.Count > 0)
        {
            var left = tenantWide.Select(r => r.Rule).ToHashSet(StringComparer.Ordinal);
            alerts = [.. alerts.Where(a => !(a.Community && left.Contains(a.Rule)))];
        }
        return new CorrelationResult(Incidents(alerts), tenantWide);
    }

    private List<Incident> Incidents(IReadOnlyList<Alert> alerts)
    {
        var ordered = alerts.OrderBy(Start).ThenBy(a => a.Time).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        // Every alert's nodes in one list, alert i's from starts[i] to starts[i + 1] (a list per alert made 173,000
        // lists in the 10x bench hunt). Below, each component's incident stands alone: made on the machine's cores.
        var most = 0;
        foreach (var a in ordered) most += EntityNode.MostOf(a);
        var nodes = new List<EntityNode>(most);
        var starts = new int[ordered.Count + 1];
        for (var i = 0; i < ordered.Count; i++)
        {
            starts[i] = nodes.Count;
            EntityNode.AddTo(nodes, ordered[i], _isCommonApp);
        }
        starts[ordered.Count] = nodes.Count;
        // Each node's alerts, in start order: the first alone, a list only from the second on (most nodes, a session
        // or an IP of one alert, never need one). One table per kind, keyed by the value: string keys hash without
        // the per-process randomisation a struct key's string gets.
        // Each table is made as large as its kind's nodes could need: grown step by step, a table of a hundred thousand
        // alerts' keys left a trail of large arrays whose allocation set off full collections of the whole heap.
        var perKind = new int[Enum.GetValues<EntityKind>().Length];
        foreach (var n in nodes) perKind[(int)n.Kind]++;
        var edges = new Dictionary<string, (int First, List<int>? All)>[perKind.Length];
        for (var k = 0; k < edges.Length; k++) edges[k] = new(perKind[k], StringComparer.Ordinal);
        for (var i = 0; i < ordered.Count; i++)
        {
            for (var at = starts[i]; at < starts[i + 1]; at++)
            {
                var n = nodes[at];
                ref var e = ref CollectionsMarshal.GetValueRefOrAddDefault(edges[(int)n.Kind], n.Value, out var seen);
                if (!seen) e = (i, null);
                else if (e.All is null) { if (e.First != i) e.All = [e.First, i]; }
                else if (e.All[^1] != i) e.All.Add(i);
            }
        }

        var sets = new DisjointSets(ordered.Count);
        for (var kind = 0; kind < edges.Length; kind++)
        {
            foreach (var (value, (_, members)) in edges[kind])
            {
                if (members is not null) Join(new EntityNode((EntityKind)kind, value), members, ordered, sets);
            }
        }

        var components = Components(ordered, sets);
        var incidents = new Incident[components.Count];
        Parallel.For(0, components.Count, i => incidents[i] = Build(components[i]));
        return incidents.OrderBy(i => i.FirstSeen).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The alerts of each set, sets in the order of their first alert and alerts in start order (what grouping by
    /// root gives), made in two passes over arrays rather than through a grouping of a list per key.</summary>
    private static List<List<Alert>> Components(List<Alert> ordered, DisjointSets sets)
    {
        var componentOf = new int[ordered.Count];
        var sizes = new List<int>();
        for (var i = 0; i < ordered.Count; i++)
        {
            // A root is its set's first alert (DisjointSets keeps the smaller index as root), so it is met first.
            var root = sets.Find(i);
            if (root == i)
            {
                componentOf[i] = sizes.Count;
                sizes.Add(0);
            }
            else componentOf[i] = componentOf[root];
            sizes[componentOf[i]]++;
        }
        var components = new List<List<Alert>>(sizes.Count);
        foreach (var size in sizes) components.Add(new List<Alert>(size));
        for (var i = 0; i < ordered.Count; i++) components[componentOf[i]].Add(ordered[i]);
        return components;
    }

    /// <summary>Joins a node's alerts (in start order): each joins the run before it when it starts within the window
    /// of the run's latest end, so a chain of alerts a week apart stays one campaign across months.</summary>
    private void Join(EntityNode node, List<int> members, List<Alert> ordered, DisjointSets sets)
    {
        if (node.IsWeak && IsSharedIp(node.Value, members, ordered)) return;
        var window = node.IsWeak ? _options.IpLinkWindow : _options.StrongLinkWindow;
        var reach = End(ordered[members[0]]);
        for (var k = 1; k < members.Count; k++)
        {
            var a = ordered[members[k]];
            if (Start(a) - reach <= window) sets.Union(members[k - 1], members[k]);
            if (End(a) > reach) reach = End(a);
        }
    }

    private bool IsCommonApp(string appId) => MicrosoftApps.IsCommon(appId) || _options.CommonAppIds.Contains(appId);

    private bool IsSharedIp(string ip, List<int> members, List<Alert> alerts)
    {
        if (_ips?.IsShared(ip) == true) return true;
        var users = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in members)
        {
            var e = alerts[m].Entities;
            // An alert's users by name, else by object id; added one by one, as HashSet.UnionWith would box the set.
            foreach (var u in e.Users.Count > 0 ? e.Users : e.UserIds) users.Add(u);
            if (users.Count > _options.MaxUsersPerIp) return true;
        }
        return false;
    }

    private static DateTime Start(Alert a) => a.FirstSeen is { } f && f < a.Time ? f : a.Time;

    private static DateTime End(Alert a) => a.Time;

    private Incident Build(List<Alert> alerts)
    {
        var byTime = alerts.OrderBy(a => a.Time).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        var id = "inc-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join("\n", alerts.Take(_options.IdAlerts).Select(a => a.Id)))).AsSpan(0, 8));
        var incident = new Incident { Id = id, Title = "" };
        foreach (var a in alerts)
        {
            incident.Alerts.Add(a);
            incident.Entities.UnionWith(a.Entities);
            incident.Steps.Add(new IncidentStep(a.Techniques.Count > 0 ? a.Techniques[0] : null, Start(a), a.Id, a.Title));
            // Indexed, not enumerated: through the interface an enumerator is an object per alert.
            for (var k = 0; k < a.Techniques.Count; k++)
            {
                var t = a.Techniques[k];
                if (!ContainsIgnoreCase(incident.Techniques, t)) incident.Techniques.Add(t);
            }
        }
        incident.FirstSeen = alerts.Min(Start);
        incident.LastSeen = alerts.Max(End);

        // Severity follows the chain in event time: the alert that lifts it to its final level is the detection.
        var score = new ChainSeverity(_options);
        var final = Severity.Informational;
        var detectedAt = byTime[0].Time;
        foreach (var a in byTime)
        {
            var now = score.Add(a);
            if (now > final) { final = now; detectedAt = a.Time; }
        }
        incident.Severity = final;
        incident.DetectedAt = detectedAt;
        incident.SetTitle(Headline(incident), score.Mailboxes, score.Vip);
        return incident;
    }

    /// <summary>The chain of tactics and who it was on or by; the reach in mailboxes is the incident's to add.</summary>
    private static string Headline(Incident incident)
    {
        var phrases = new List<string>();
        var byTactic = new List<(Tactic Tactic, string Technique)>();
        foreach (var alert in incident.Alerts)
        {
            // Within an alert, the earlier tactic first: a spray comes before the sign-in it won. An insertion sort,
            // stable as OrderBy is, over the one to three techniques an alert has (a sort per alert of the 10x bench
            // hunt's 173,000 was a tenth of what the hunt's end allocated).
            byTactic.Clear();
            for (var k = 0; k < alert.Techniques.Count; k++)
            {
                var t = alert.Techniques[k];
                var tactic = KillChain.TacticOf(t);
                var at = byTactic.Count;
                while (at > 0 && byTactic[at - 1].Tactic > tactic) at--;
                byTactic.Insert(at, (tactic, t));
            }
            foreach (var (_, t) in byTactic)
            {
                var p = KillChain.PhraseOf(t);
                if (!phrases.Contains(p)) phrases.Add(p); // a list's own Contains: ordinal for strings, no enumerator
            }
        }
        var chain = phrases.Count > 0 ? string.Join(" → ", phrases.Take(6)) + (phrases.Count > 6 ? " → …" : "")
            : incident.Alerts[0].Title;
        return char.ToUpperInvariant(chain[0]) + chain[1..] + Subject(incident.Entities);
    }

    /// <summary>As LINQ's Contains with an ignore-case comparer, without the enumerator it boxes per call.</summary>
    private static bool ContainsIgnoreCase(List<string> values, string value)
    {
        foreach (var v in values)
        {
            if (string.Equals(v, value, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static string Subject(AlertEntities e)
    {
        var apps = e.Apps.Where(a => !MicrosoftApps.IsCommon(a)).ToList();
        var users = e.Users.Where(u => !e.Mailboxes.Contains(u) || apps.Count == 0).ToList();
        if (users.Count == 1 && apps.Count == 0) return " on " + users[0];
        if (apps.Count > 0) return $" by app {apps[0]}{(apps.Count > 1 ? $" and {apps.Count - 1} more" : "")}";
        return users.Count > 0 ? $" on {users[0]} and {users.Count - 1} more" : "";
    }

    private sealed class DisjointSets(int n)
    {
        private readonly int[] _parent = Enumerable.Range(0, n).ToArray();

        public int Find(int x)
        {
            while (_parent[x] != x) x = _parent[x] = _parent[_parent[x]];
            return x;
        }

        // The smaller index (the earlier alert) stays the root, so grouping is independent of edge order.
        public void Union(int a, int b)
        {
            a = Find(a);
            b = Find(b);
            if (a == b) return;
            if (a < b) _parent[b] = a; else _parent[a] = b;
        }
    }
}
