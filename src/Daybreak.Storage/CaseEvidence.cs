using Daybreak.Response.Evidence;

namespace Daybreak.Storage;

/// <summary>Reads what an evidence bundle or report needs from the case: stored records, runs, ingested files.</summary>
public static class CaseEvidence
{
    private const int Chunk = 500;

    /// <summary>The stored records with these ids, in event-time order; ids the case does not hold are left out.</summary>
    public static IReadOnlyList<EvidenceRecord> Records(CaseStore store, IEnumerable<string> recordIds)
    {
        var ids = recordIds.Distinct(StringComparer.Ordinal).ToList();
        var records = new List<EvidenceRecord>();
        for (var at = 0; at < ids.Count; at += Chunk)
        {
            var part = ids.Skip(at).Take(Chunk).ToArray();
            var placeholders = string.Join(", ", part.Select((_, i) => "$" + (i + 1)));
            var rows = store.Query($"""
                SELECT record_id, time, source, category, format, file, line, raw FROM events
                WHERE record_id IN ({placeholders})
                """, part.Cast<object?>().ToArray()).Rows;
            records.AddRange(rows.Select(r => new EvidenceRecord(
                (string)r[0]!, DateTime.SpecifyKind((DateTime)r[1]!, DateTimeKind.Utc), (string)r[2]!, r[3] as string, (string)r[4]!,
                r[5] as string ?? "", r[6] is { } l ? Convert.ToInt64(l) : 0, (string)r[7]!)));
        }
        return records.OrderBy(r => r.Time).ThenBy(r => r.RecordId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every run recorded in the case, oldest first; user and machine are null for runs from before schema 4.</summary>
    public static IReadOnlyList<CustodyEntry> Runs(CaseStore store)
    {
        var hasWho = Convert.ToInt64(store.Query(
            "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'runs' AND column_name IN ('os_user', 'machine')").Rows[0][0]) == 2;
        var sql = hasWho
            ? "SELECT run_id, command, version, started_at, finished_at, os_user, machine FROM runs ORDER BY started_at, run_id"
            : "SELECT run_id, command, version, started_at, finished_at, NULL, NULL FROM runs ORDER BY started_at, run_id";
        return store.Query(sql).Rows.Select(r => new CustodyEntry(
            (string)r[0]!, (string)r[1]!, (string)r[2]!, Utc(r[3])!.Value, Utc(r[4]), r[5] as string, r[6] as string)).ToList();
    }

    /// <summary>
    /// The source files the case read: every file an event or a rejection names (the inputs table keeps the paths as
    /// given, often folders), sorted. Standard input ("-") is left out: there is no file to hash.
    /// </summary>
    public static IReadOnlyList<string> SourceFiles(CaseStore store) =>
        store.Query("""
            SELECT DISTINCT file FROM (SELECT file FROM events UNION ALL SELECT file FROM rejections)
            WHERE file IS NOT NULL AND file <> '' AND file <> '-' ORDER BY file
            """).Rows.Select(r => (string)r[0]!).ToList();

    /// <summary>Totals over every ingest of the case, for the hunt report's "input" section.</summary>
    public static (long Records, long Accepted, long Rejected) InputTotals(CaseStore store)
    {
        var r = store.Query("SELECT coalesce(sum(records), 0)::BIGINT, coalesce(sum(accepted), 0)::BIGINT, coalesce(sum(rejected), 0)::BIGINT FROM inputs").Rows[0];
        return (Convert.ToInt64(r[0]), Convert.ToInt64(r[1]), Convert.ToInt64(r[2]));
    }

    private static DateTime? Utc(object? value) => value is DateTime t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : null;
}
