using System.Data.Common;

namespace Daybreak.Storage.Migrations;

/// <summary>Brings a case file to the current schema. A file from a newer Daybreak is refused rather than damaged.</summary>
internal static class Migrator
{
    public static int Current => Schema.All[^1].Version;

    public static void Apply(DbConnection connection, TimeProvider time)
    {
        Exec(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, description VARCHAR, applied_at TIMESTAMP NOT NULL)");
        var version = Convert.ToInt32(Scalar(connection, "SELECT coalesce(max(version), 0) FROM schema_version"));
        if (version > Current)
            throw new StoreException($"this case file has schema version {version}; this Daybreak reads up to {Current}. Use a newer Daybreak.");
        foreach (var migration in Schema.All.Where(m => m.Version > version))
        {
            using var tx = connection.BeginTransaction();
            if (migration.Applies?.Invoke(connection) != false) Exec(connection, migration.Sql);
            using var cmd = connection.CreateCommand();
            SqlText.Bind(cmd, "INSERT INTO schema_version VALUES ($1, $2, $3)", [migration.Version, migration.Description, time.GetUtcNow().UtcDateTime]);
            cmd.ExecuteNonQuery();
            tx.Commit();
        }
    }

    internal static void Exec(DbConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    internal static object? Scalar(DbConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }
}
