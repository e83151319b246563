using Daybreak.Correlation;
using Daybreak.Events;

namespace Daybreak.Scoping;

/// <summary>
/// What an incident's apps and service principals reached besides mail: SharePoint/OneDrive file operations from the
/// UAL and Microsoft Graph requests from the Graph activity logs. Only app identities are followed (an app does not
/// read files on its owner's behalf by accident); first-party Microsoft apps are not, since every user's traffic
/// goes through them. Per actor the distinct resources kept are capped, so memory stays bounded.
/// </summary>
public sealed class ResourceReachScoper(int maxResourcesPerActor = 2000) : IBlastRadiusScoper
{
    private static readonly HashSet<string> FileOperations = new(StringComparer.OrdinalIgnoreCase)
    {
        "FileAccessed", "FileAccessedExtended", "FileDownloaded", "FileSyncDownloadedFull", "FilePreviewed",
        "FileCopied", "FileModified", "FileUploaded", "FileDeleted", "SearchQueryPerformed",
    };

    private readonly Dictionary<string, Dictionary<(string Kind, string Resource), Acc>> _byActor = new(StringComparer.OrdinalIgnoreCase);

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
        foreach (var actor in new[] { evt.Actor.AppId, evt.Actor.Kind is ActorKind.ServicePrincipal or ActorKind.App ? evt.Actor.ObjectId : null })
        {
            if (string.IsNullOrEmpty(actor) || MicrosoftApps.IsCommon(actor)) continue;
            if (!_byActor.TryGetValue(actor, out var resources)) _byActor[actor] = resources = [];
            if (!resources.TryGetValue((kind, resource), out var acc))
            {
                if (resources.Count >= maxResourcesPerActor) { Dropped++; continue; }
                resources[(kind, resource)] = acc = new Acc(evt.Time, evt.Operation);
            }
            acc.Add(evt.Time);
        }
    }

    public BlastRadius Scope(Incident incident)
    {
        var radius = new BlastRadius();
        foreach (var actor in incident.Entities.Apps.Concat(incident.Entities.ServicePrincipals).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!_byActor.TryGetValue(actor, out var resources)) continue;
            foreach (var ((kind, resource), acc) in resources)
            {
                if (acc.Last < incident.FirstSeen) continue;
                radius.Resources.Add(new ResourceAccess(kind, resource, actor, acc.First, acc.Last, acc.Count, acc.Operation));
            }
        }
        radius.Resources.Sort((a, b) => (a.Kind, a.Resource, a.Actor).CompareTo((b.Kind, b.Resource, b.Actor)));
        return radius;
    }

    private sealed class Acc(DateTime first, string operation)
    {
        public DateTime First { get; private set; } = first;
        public DateTime Last { get; private set; } = first;
        public long Count { get; private set; }
        public string Operation { get; } = operation;

        public void Add(DateTime t)
        {
            Count++;
            if (t < First) First = t;
            if (t > Last) Last = t;
        }
    }
}
