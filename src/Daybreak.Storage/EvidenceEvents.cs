using Daybreak.Correlation;
using Daybreak.Events;

namespace Daybreak.Storage;

/// <summary>The events behind an incident's alerts (their evidence record ids), read back from the case.</summary>
public static class EvidenceEvents
{
    public static IReadOnlyList<AuditEvent> For(CaseStore store, Incident incident)
    {
        var ids = incident.Alerts.SelectMany(a => a.Evidence).ToHashSet(StringComparer.Ordinal);
        if (ids.Count == 0) return [];
        // The case may hold hundreds of millions of events: filter on record id in the engine, not here.
        var wanted = string.Join(",", ids.Select(SqlText.Literal));
        var result = new List<AuditEvent>();
        foreach (var evt in EventReader.ReadWhere(store, $"e.record_id IN ({wanted})")) result.Add(evt);
        return result;
    }

    /// <summary>Display names the logs give each app id (attacker-chosen text: escape before showing).</summary>
    public static IReadOnlyDictionary<string, string> AppNames(CaseStore store, IEnumerable<string> appIds)
    {
        var ids = appIds.Where(a => Guid.TryParse(a, out _)).Select(a => "'" + a.ToLowerInvariant() + "'").ToList();
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (ids.Count == 0) return names;
        var rows = store.Query($"""
            SELECT lower(actor_app_uid), mode(actor_display_name) FROM events
            WHERE lower(actor_app_uid) IN ({string.Join(",", ids)}) AND actor_display_name IS NOT NULL
              AND actor_kind IN ('ServicePrincipal', 'App', 'ManagedIdentity')
            GROUP BY 1
            """).Rows;
        foreach (var r in rows) if (r[0] is string id && r[1] is string name) names[id] = name;
        return names;
    }
}
