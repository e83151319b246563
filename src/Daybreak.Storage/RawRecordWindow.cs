using Daybreak.Events;
using DuckDB.NET.Data;

namespace Daybreak.Storage;

/// <summary>
/// The raw records of one time window of the case, read on their own (<c>rowid, encode(raw)</c>, unsorted) into a
/// <see cref="RawArena"/>, each taken by row id by the event built from DuckDB's sorted read of the other columns.
/// </summary>
/// <remarks>
/// Why apart: the events must come in event-time order, and a sort that carries each row's 1–5 KB raw record copies
/// it (DuckDB's sort did, on a worker thread); sorting built events here instead meant holding a window of them, which
/// the collector then traced and promoted. Here a raw record is bytes in the arena's slabs from the moment it is read,
/// and the events are built as DuckDB's sorted rows stream out, as they are without raw records
/// (docs/performance.md, twenty-first session).
/// </remarks>
internal sealed class RawRecordWindow(RawArena arena)
{
    private readonly Dictionary<long, RawPiece> _byRow = [];
    private byte[] _scratch = new byte[64 * 1024];

    /// <summary>Reads <paramref name="window"/>'s raw records over <paramref name="connection"/> in place of the last
    /// window's (any of those not taken go back to the arena); fails when DuckDB gives fewer rows than planned.</summary>
    public RawRecordWindow Load(DuckDBConnection connection, EventReader.TimeWindow window)
    {
        Clear();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT rowid, encode(raw) FROM events WHERE " + EventReader.TimeRange(window);
        // Streamed, not materialised by DuckDB first: the rows are copied out as they come.
        cmd.UseStreamingMode = true;
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
                    _byRow[row] = default;
                    continue;
                }
                // DuckDB hands a blob as a stream over the current chunk: copied before the reader moves on.
                // Through one small buffer used again for every record, which stays in the processor's cache.
                using var stream = (Stream)reader.GetValue(1);
                var length = checked((int)stream.Length);
                if (_scratch.Length < length) _scratch = new byte[Math.Max(length, _scratch.Length * 2)];
                stream.ReadExactly(_scratch, 0, length);
                _byRow[row] = arena.Hold(_scratch.AsSpan(0, length));
            }
        }
        catch (DuckDBException ex)
        {
            throw new StoreException("reading the case's raw records: " + CaseStore.FirstLine(ex.Message), ex);
        }
        if (read != window.Rows)
            throw new StoreException($"reading the case's raw records for {window} gave {read:N0} of its {window.Rows:N0} rows: the read stopped early");
        return this;
    }

    /// <summary>Row <paramref name="row"/>'s raw record (empty bytes where the case holds none), now the taker's to give
    /// to one event or release; a row the window did not read is an error (the two reads disagree on the window).</summary>
    public RawPiece Take(long row) =>
        _byRow.Remove(row, out var piece)
            ? piece
            : throw new StoreException($"row {row} of the case's events was not among its window's raw records");

    /// <summary>Gives the pieces no event took back to the arena (a reader stopped midway).</summary>
    public void Clear()
    {
        foreach (var piece in _byRow.Values) piece.Release();
        _byRow.Clear();
    }
}
