using Daybreak.Correlation;
using Daybreak.Events;

namespace Daybreak.Scoping;

/// <summary>
/// What an incident's apps and service principals reached besides mail: SharePoint/OneDrive file operations from the
/// UAL and Microsoft Graph requests from the Graph activity logs. Only app identities are followed (an app does not
/// read files on its owner's behalf by accident); first-party Microsoft apps are not, since every user's traffic
/// goes through them. Per actor the distinct resources kept are capped, so memory stays bounded.
/// </summary>
/// <remarks>
/// A request logged with both an app id and a service principal id is counted once, under the app id; the service
/// principal id is kept as an alias so an incident that only knows the principal still finds it.
/// </remarks>
public sealed class ResourceReachScoper(int maxResourcesPerActor = 2000) : IBlastRadiusScoper
{
    private static readonly HashSet<string> FileOperations = new(StringComparer.OrdinalIgnoreCase)
    {
        "FileAccessed", "FileAccessedExtended", "FileDownloaded", "FileSyncDownloadedFull", "FilePreviewed",
        "FileCopied", "FileModified", "FileUploaded", "FileDeleted", "SearchQueryPerformed",
    };

    private readonly Dictionary<string, Dictionary<(string Kind, string Resource, string Operation), Acc>> _byActor = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>> _aliases = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Resources not kept because an actor passed the cap.</summary>
    public long Dropped { get; private set; }

    public void Observe(AuditEvent evt)
    {
        var kind = evt.Source switch
        {
            SourceKind.GraphActivity => "graph",
            SourceKind.Ual when FileOperations.Contains(evt.Operation) => "file",
            _ => null,
        };
        if (kind is null) return;
        var resource = kind == "graph" ? evt.Operation : evt.Targets.FirstOrDefault()?.Name ?? evt.Targets.FirstOrDefault()?.Id;
        if (string.IsNullOrEmpty(resource)) return;
        var app = Followed(evt.Actor.AppId);
        var principal = Followed(evt.Actor.Kind is ActorKind.ServicePrincipal or ActorKind.App ? evt.Actor.ObjectId : null);
        var actor = app ?? principal;
        if (actor is null) return;
        if (app is not null && principal is not null && !string.Equals(app, principal, StringComparison.OrdinalIgnoreCase))
        {
            if (!_aliases.TryGetValue(principal, out var apps)) _aliases[principal] = apps = new(StringComparer.OrdinalIgnoreCase);
            apps.Add(app);
        }

        if (!_byActor.TryGetValue(actor, out var resources)) _byActor[actor] = resources = [];
        if (!resources.TryGetValue((kind, resource, evt.Operation), out var acc))
        {
            if (resources.Count >= maxResourcesPerActor) { Dropped++; return; }
            resources[(kind, resource, evt.Operation)] = acc = new Acc(evt.Time);
        }
        acc.Add(evt.Time);
    }

    public BlastRadius Scope(Incident incident)
    {
        var radius = new BlastRadius();
        var actors = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in incident.Entities.Apps.Concat(incident.Entities.ServicePrincipals))
        {
            actors.Add(id);
            if (_aliases.TryGetValue(id, out var apps)) actors.UnionWith(apps);
        }
        foreach (var actor in actors)
        {
            if (!_byActor.TryGetValue(actor, out var resources)) continue;
            foreach (var ((kind, resource, operation), acc) in resources)
            {
                if (acc.Last < incident.FirstSeen) continue;
                radius.Resources.Add(new ResourceAccess(kind, resource, actor, acc.First, acc.Last, acc.Count, operation));
            }
        }
        radius.Resources.Sort((a, b) => (a.Kind, a.Resource, a.Operation, a.Actor).CompareTo((b.Kind, b.Resource, b.Operation, b.Actor)));
        return radius;
    }

    private static string? Followed(string? id) => string.IsNullOrEmpty(id) || MicrosoftApps.IsCommon(id) ? null : id;

    private sealed class Acc(DateTime first)
    {
        public DateTime First { get; private set; } = first;
        public DateTime Last { get; private set; } = first;
        public long Count { get; private set; }

        public void Add(DateTime t)
        {
            Count++;
            if (t < First) First = t;
            if (t > Last) Last = t;
        }
    }
}
