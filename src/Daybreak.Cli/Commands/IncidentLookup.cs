using Daybreak.Correlation;
using Daybreak.Storage;

namespace Daybreak.Cli.Commands;

/// <summary>Finds the incident a response verb names, with a message that lists the case's incidents when it cannot.</summary>
internal static class IncidentLookup
{
    public static Incident Require(CaseStore store, string idOrPrefix)
    {
        var found = FindingsStore.Find(store, idOrPrefix);
        if (found is not null) return found;
        var ids = FindingsStore.Incidents(store).Select(i => i.Id).ToList();
        throw new StoreException(ids.Count == 0
            ? $"no incident '{idOrPrefix}': the case holds no incidents (run 'daybreak hunt' first)"
            : $"no single incident matches '{idOrPrefix}'; the case holds: {string.Join(", ", ids.Take(20))}");
    }

    /// <summary>Opens an existing case for a response verb; never creates an empty one by mistake.</summary>
    public static CaseStore OpenExisting(string db, TimeProvider time)
    {
        if (!File.Exists(db)) throw new StoreException($"no case file at {Path.GetFullPath(db)}; run 'daybreak hunt' first");
        return CaseStore.Open(db, time);
    }
}
