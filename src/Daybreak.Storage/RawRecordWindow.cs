using System.Data.Common;

namespace Daybreak.Storage;

/// <summary>
/// The raw records of one time window of the case, read on their own (<c>rowid, encode(raw)</c>, unsorted) into one
/// buffer that is used again for every window, and looked up by row id as the window's events are built from DuckDB's
/// sorted read of the other columns.
/// </summary>
/// <remarks>
/// Why apart: the events must come in event-time order, and a sort that carries each row's 1–5 KB raw record copies
/// it (DuckDB's sort did, on a worker thread); sorting built events here instead meant holding a window of them, which
/// the collector then traced and promoted. A raw record here is bytes in one large array, and the events are built
/// as DuckDB's sorted rows stream out, as they are without raw records (docs/performance.md, twenty-first session).
/// </remarks>
internal sealed class RawRecordWindow
{
    private byte[] _buffer = [];
    private int _used;
    private readonly Dictionary<long, (int Offset, int Length)> _byRow = [];

    /// <summary>Reads <paramref name="window"/>'s raw records over <paramref name="connection"/>, replacing the last
    /// window's; fails when DuckDB gives fewer rows than the window was planned with.</summary>
    public RawRecordWindow Load(DbConnection connection, EventReader.TimeWindow window)
    {
        _used = 0;
        _byRow.Clear();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT rowid, encode(raw) FROM events WHERE " + EventReader.TimeRange(window);
        // Streamed, not materialised by DuckDB first: the rows are copied out as they come.
        ((DuckDB.NET.Data.DuckDBCommand)cmd).UseStreamingMode = true;
        long read = 0;
        try
        {
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                read++;
                var row = reader.GetInt64(0);
                if (reader.IsDBNull(1))
                {
                    _byRow[row] = (0, 0);
                    continue;
                }
                // DuckDB hands a blob as a stream over the current chunk: copied before the reader moves on.
                using var stream = (Stream)reader.GetValue(1);
                var length = checked((int)stream.Length);
                Reserve(length);
                stream.ReadExactly(_buffer, _used, length);
                _byRow[row] = (_used, length);
                _used += length;
            }
        }
        catch (DuckDB.NET.Data.DuckDBException ex)
        {
            throw new StoreException("reading the case's raw records: " + ex.Message.Split('\n')[0], ex);
        }
        if (read != window.Rows)
            throw new StoreException($"reading the case's raw records for {window} gave {read:N0} of its {window.Rows:N0} rows: the read stopped early");
        return this;
    }

    /// <summary>The raw record of row <paramref name="row"/> (empty when the case holds none for it), valid until the
    /// next <see cref="Load"/>; a row the window did not read is an error (the two reads disagree on the window).</summary>
    public ReadOnlySpan<byte> For(long row) =>
        _byRow.TryGetValue(row, out var at)
            ? _buffer.AsSpan(at.Offset, at.Length)
            : throw new StoreException($"row {row} of the case's events was not among its window's raw records");

    private void Reserve(int length)
    {
        if (_buffer.Length - _used >= length) return;
        // Grown by half again at least: windows are alike in size, so the buffer soon stops growing.
        var size = Math.Max(_used + length, (int)Math.Min(Array.MaxLength, _buffer.Length + (long)_buffer.Length / 2 + (1 << 20)));
        var bigger = GC.AllocateUninitializedArray<byte>(size);
        _buffer.AsSpan(0, _used).CopyTo(bigger);
        _buffer = bigger;
    }
}
