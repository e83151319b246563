using Daybreak.Detection.Intel;

namespace Daybreak.Storage;

/// <summary>Imported threat-intel indicators kept in the case (table <c>indicators</c>), for hunts to match.</summary>
public static class IndicatorStore
{
    /// <summary>Adds indicators not already held (same id, kind and value); returns how many were added.</summary>
    public static int Save(CaseStore store, IEnumerable<Indicator> indicators, TimeProvider time)
    {
        if (store.ReadOnly) throw new StoreException("case file is open read-only");
        var now = time.GetUtcNow().UtcDateTime;
        var added = 0;
        using var tx = store.Connection.BeginTransaction();
        foreach (var i in indicators)
        {
            using var cmd = store.Command("""
                INSERT INTO indicators
                SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9
                WHERE NOT EXISTS (SELECT 1 FROM indicators WHERE indicator_id = $1 AND kind = $2 AND value = $3)
                """, i.Id, i.Kind.Name(), i.Value, i.Description, i.Source, i.Pattern, i.ValidFrom, i.ValidUntil, now);
            added += cmd.ExecuteNonQuery();
        }
        tx.Commit();
        return added;
    }

    /// <summary>Every indicator in the case, ready to match; empty for a case from before indicators were kept.</summary>
    public static IndicatorSet Load(CaseStore store)
    {
        if (!TableExists(store, "indicators")) return IndicatorSet.Empty;
        var rows = store.Query("""
            SELECT indicator_id, kind, value, description, source_file, pattern, valid_from, valid_until
            FROM indicators ORDER BY kind, value, indicator_id
            """).Rows;
        var list = new List<Indicator>();
        foreach (var r in rows)
        {
            if (!IndicatorKinds.TryParse((string)r[1]!, out var kind)) continue;
            list.Add(new Indicator((string)r[0]!, kind, (string)r[2]!, r[3] as string, (string)r[4]!, r[5] as string, Utc(r[6]), Utc(r[7])));
        }
        return new IndicatorSet(list);
    }

    internal static bool TableExists(CaseStore store, string table) =>
        Convert.ToInt64(store.Query("SELECT count(*) FROM duckdb_tables() WHERE table_name = $1 AND NOT temporary", table).Rows[0][0]) > 0;

    private static DateTime? Utc(object? value) => value is DateTime t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : null;
}
