using System.Data.Common;
using Daybreak.Storage.Migrations;
using DuckDB.NET.Data;

namespace Daybreak.Storage;

/// <summary>
/// One incident case in one DuckDB file: every normalised event with its raw record, mail items, the inputs read,
/// the rejections, and the runs. Opened read-write for ingest (migrating the schema) or read-only for queries.
/// </summary>
public sealed partial class CaseStore : IDisposable
{
    public const string DefaultFileName = "case.duckdb";

    /// <summary>
    /// DuckDB's buffer-pool cap for every query on a case. DuckDB's own default is 80% of the machine's memory, and a
    /// hunt over 11 M records took it (21 GB) while the decoders and detections needed the rest; with a cap DuckDB
    /// spills to <c>case.duckdb.tmp</c> instead. Override with <see cref="MemoryLimitVariable"/>.
    /// </summary>
    public const string DefaultMemoryLimit = "2GB";

    /// <summary>Environment variable holding a DuckDB memory size (for example <c>4GB</c>) to use instead of <see cref="DefaultMemoryLimit"/>.</summary>
    public const string MemoryLimitVariable = "DAYBREAK_DUCKDB_MEMORY";

    private CaseStore(DuckDBConnection connection, string path, bool readOnly)
    {
        Connection = connection;
        Path = path;
        ReadOnly = readOnly;
    }

    public string Path { get; }

    public bool ReadOnly { get; }

    internal DuckDBConnection Connection { get; }

    /// <summary>Opens (creating if needed) a case file and brings it to the current schema.</summary>
    public static CaseStore Open(string path, TimeProvider? time = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        // The case is attached to an in-memory session rather than opened as the main database: only ATTACH takes a
        // row group size, and only an in-memory session can hand out further connections (ingest lanes) to it.
        var connection = Connect("Data Source=:memory:");
        try
        {
            try
            {
                Migrator.Exec(connection,
                    $"ATTACH {SqlText.Literal(full)} AS {Catalog} (ROW_GROUP_SIZE {RowGroupRows}, STORAGE_VERSION '{StorageVersion}'); " +
                    $"USE {Catalog}; SET temp_directory = {SqlText.Literal(full + ".tmp")}; SET memory_limit = '{MemoryLimit}'; " +
                    $"SET zstd_min_string_length = {ZstdMinStringLength}");
            }
            catch (DuckDBException ex)
            {
                throw new StoreException("cannot open case file: " + FirstLine(ex.Message), ex);
            }
            Migrator.Apply(connection, time ?? TimeProvider.System);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return new CaseStore(connection, full, readOnly: false);
    }

    /// <summary>
    /// Rows per DuckDB row group in the case file (DuckDB's default is 122,880). An ingest commits one row group at a
    /// time and a transaction holds its open row group in memory, so this bounds ingest memory: 122,880 sign-ins with
    /// their 4 KB raw records were 530 MB, spilled to the temp file past the memory cap and read back at commit.
    /// </summary>
    public const int RowGroupRows = 16_384;

    /// <summary>
    /// The on-disk format new case files are created in. From v1.2.0 DuckDB compresses long strings with zstd, and the
    /// raw record is the case file's bulk: 2.1 GB of sign-ins made a 2.4 GB case in the v0.10.2 format (raw records
    /// stored uncompressed) and a 0.3 GB one in this. Older case files keep their format and still open.
    /// </summary>
    public const string StorageVersion = "v1.2.0";

    /// <summary>
    /// Average string length from which DuckDB may compress a column segment with zstd (its default: 4,096; it still
    /// picks per segment by estimated size). Raw UAL records (about 1.5 KB) otherwise all went to FSST, which cost
    /// more CPU for a larger file: 10x UAL ingest 9.1-10.4 s and 386 MB, against 8.6-9.6 s and 226-260 MB.
    /// </summary>
    private const int ZstdMinStringLength = 1_024;

    /// <summary>The name the case file is attached under in its session.</summary>
    private const string Catalog = "case_file";

    /// <summary>A further connection to this case (same session and settings), for a writer on another thread.</summary>
    internal DuckDBConnection OpenLane()
    {
        if (ReadOnly) throw new StoreException("case file is open read-only");
        var lane = Connection.Duplicate();
        lane.Open();
        Migrator.Exec(lane, $"USE {Catalog}");
        return lane;
    }

    /// <summary>
    /// A second connection to this case for a reader on another thread (the next window of raw records while the
    /// events of this one are read), or null for a case opened read-only, whose one connection cannot be duplicated.
    /// </summary>
    internal DuckDBConnection? OpenSecondReader()
    {
        if (ReadOnly) return null;
        var reader = Connection.Duplicate();
        reader.Open();
        Migrator.Exec(reader, $"USE {Catalog}");
        return reader;
    }

    /// <summary>Opens an existing case file so that nothing can change it: the engine itself refuses writes.</summary>
    public static CaseStore OpenReadOnly(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new StoreException($"no case file at {full}; run 'daybreak ingest' or 'daybreak hunt' first");
        // Built, not concatenated: a path may hold ';' or '=' (which could otherwise even turn the access mode round).
        var connection = Connect(new DbConnectionStringBuilder { ["Data Source"] = full, ["ACCESS_MODE"] = "READ_ONLY" }.ConnectionString);
        // A query may name files (COPY ... TO, read_csv) or extensions; a read-only case must not touch either.
        Migrator.Exec(connection, $"SET memory_limit = '{MemoryLimit}'; SET enable_external_access = false; SET lock_configuration = true;");
        return new CaseStore(connection, full, readOnly: true);
    }

    private static DuckDBConnection Connect(string connectionString)
    {
        var connection = new DuckDBConnection(connectionString);
        try
        {
            connection.Open();
        }
        catch (Exception ex) when (ex is DuckDBException or IOException)
        {
            connection.Dispose();
            throw new StoreException("cannot open case file: " + FirstLine(ex.Message), ex);
        }
        return connection;
    }

    /// <summary>The session's DuckDB memory cap: <see cref="MemoryLimitVariable"/> when it holds a valid size, else the default.</summary>
    public static string MemoryLimit =>
        Environment.GetEnvironmentVariable(MemoryLimitVariable) is { } value && ValidSize().IsMatch(value.Trim())
            ? value.Trim()
            : DefaultMemoryLimit;

    // A size DuckDB accepts, and nothing that could end the SET statement.
    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-9]{1,6}(\.[0-9]{1,3})?\s?(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ValidSize();

    public int SchemaVersion => Convert.ToInt32(Migrator.Scalar(Connection, "SELECT max(version) FROM schema_version"));

    /// <summary>Runs a query and returns its columns and rows; used by <c>daybreak query</c> and by reports.</summary>
    public QueryResult Query(string sql, params object?[] parameters)
    {
        try
        {
            using var cmd = Connection.CreateCommand();
            SqlText.Bind(cmd, sql, parameters);
            using var reader = cmd.ExecuteReader();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(row);
            }
            return new QueryResult(columns, rows);
        }
        catch (DuckDBException ex)
        {
            throw new StoreException(FirstLine(ex.Message), ex);
        }
    }

    /// <summary>Streams a query's rows; the column names are known before the first row.</summary>
    /// <param name="exclusive">The caller runs no other query on the case until it has read the rows (or disposed the
    /// enumeration): DuckDB then hands out the result chunk by chunk as it makes it, instead of first copying all of it
    /// into a result set (a tenth of a hunt's time reading the case back, and its memory). Such a result that fails
    /// partway may end early without an error (DuckDB.NET takes a failed fetch for the end): the caller must know how
    /// many rows to expect.</param>
    public IEnumerable<object?[]> Stream(string sql, out IReadOnlyList<string> columns, bool exclusive = false)
    {
        var (cmd, reader) = Execute(sql, exclusive);
        columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        return Rows(cmd, reader, static r =>
        {
            var row = new object?[r.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            return row;
        });
    }

    /// <summary>Streams a query's rows, each made by <paramref name="read"/> from the reader on it: no array per row and
    /// no boxed values, for readers of many rows (a hunt reads every event of the case). <paramref name="exclusive"/> as
    /// for <see cref="Stream(string, out IReadOnlyList{string}, bool)"/>.</summary>
    internal IEnumerable<T> Stream<T>(string sql, Func<DbDataReader, T> read, bool exclusive = false)
    {
        var (cmd, reader) = Execute(sql, exclusive);
        return Rows(cmd, reader, read);
    }

    private (DbCommand, DbDataReader) Execute(string sql, bool exclusive)
    {
        var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.UseStreamingMode = exclusive;
        try
        {
            return (cmd, cmd.ExecuteReader());
        }
        catch (DuckDBException ex)
        {
            cmd.Dispose();
            throw new StoreException(FirstLine(ex.Message), ex);
        }
    }

    private static IEnumerable<T> Rows<T>(DbCommand cmd, DbDataReader reader, Func<DbDataReader, T> read)
    {
        using (cmd)
        using (reader)
        {
            while (true)
            {
                T row;
                try
                {
                    // A result meets some errors here rather than when the query starts.
                    if (!reader.Read()) break;
                    row = read(reader);
                }
                catch (DuckDBException ex)
                {
                    throw new StoreException(FirstLine(ex.Message), ex);
                }
                yield return row;
            }
        }
    }

    internal void Exec(string sql) => Migrator.Exec(Connection, sql);

    internal DbCommand Command(string sql, params object?[] parameters)
    {
        var cmd = Connection.CreateCommand();
        SqlText.Bind(cmd, sql, parameters);
        return cmd;
    }

    internal static string FirstLine(string message)
    {
        var cut = message.IndexOf('\n');
        return cut < 0 ? message : message[..cut];
    }

    public void Dispose() => Connection.Dispose();
}
