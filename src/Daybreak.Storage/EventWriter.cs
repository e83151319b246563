using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Daybreak.Events;
using Daybreak.Pipeline;
using DuckDB.NET.Data;

namespace Daybreak.Storage;

/// <summary>
/// Bulk-loads events through DuckDB's appender. Every batch commits in one transaction, so a crash mid-ingest leaves
/// only whole batches behind, and a rerun adds exactly what is missing: re-ingesting a file adds nothing.
/// </summary>
/// <remarks>
/// Two ways to stay idempotent. Into an empty case (the first ingest, the common and the big one) rows go straight
/// into the case tables inside the batch's transaction (the appender joins it), and a run-wide set of record-id
/// digests drops a record seen earlier in the run (a file named twice). Into a case that already holds events,
/// rows go to session-only staging tables and each batch moves over with an anti-join on record id, skipping what
/// is stored. The direct way writes each row once instead of twice and needs no join.
/// <para>
/// A direct writer may also append on background lanes (<see cref="BackgroundLane"/>), each on its own connection,
/// batches handed out in turn: the caller's thread only checks record ids and hands events on. Batches then commit
/// in any order between lanes, so the rows' order in the table is not the input's; nothing reads them in that order.
/// </para>
/// </remarks>
public sealed class EventWriter : IEventSink, IDisposable
{
    /// <summary>
    /// DuckDB's buffer-pool cap while ingesting. Without it, DuckDB kept the blocks it wrote cached: 7 GB of RSS for
    /// 2 GB of input. An open batch is held outside the cap, so peak memory is about this plus a row group per lane.
    /// DuckDB fills the cap with blocks it wrote until the case outgrows it, so the cap also sets where memory stops
    /// growing with the input: sign-ins at 1x / 10x / 20x peaked at 648 / 747 / 840 MB under 512 MB, at 632 / 652–666 /
    /// 680 MB under this, as fast (docs/performance.md); 64 MB made the ingest a quarter slower.
    /// </summary>
    public const string IngestMemoryLimit = "192MB";

    /// <summary>
    /// DuckDB's own worker threads while ingesting: one. The decoder and the appending threads already have the
    /// cores, and DuckDB's workers, fighting them, spent their time spinning (measured: about half the wall time on
    /// 1 GB of sign-ins).
    /// </summary>
    private const int IngestThreads = 1;

    /// <summary>
    /// Background lanes for a bulk ingest. Measured on two cores, 2.1 GB of sign-ins into an empty case: 16.7-18.4 s
    /// appending on the caller's thread, 11.7-14.1 s on two lanes (docs/performance.md). More cores are untested.
    /// </summary>
    public const int BulkLanes = 2;

    /// <summary>Events handed to a background lane at a time.</summary>
    private const int ChunkRows = 512;

    /// <summary>
    /// A direct batch is one row group of the case file (<see cref="CaseStore.RowGroupRows"/>): a commit then never
    /// leaves a partial group behind for the next batch to reopen and the next checkpoint to rewrite (measured on
    /// 1 GB of sign-ins with DuckDB's default row group: batches of less than one took 60% longer).
    /// </summary>
    public const int DirectBatchRows = CaseStore.RowGroupRows;

    /// <summary>Staged batches live in memory until they move over, so they stay small.</summary>
    public const int StagedBatchRows = 50_000;

    private readonly CaseStore _store;
    private readonly bool _releaseRaw;
    private readonly int _batchSize;
    private readonly bool _direct;
    private readonly AppendLane? _inline;
    private readonly BackgroundLane[] _lanes = [];
    private readonly HashSet<string> _batchIds = new(StringComparer.Ordinal);
    private readonly HashSet<Int128> _runIds = [];
    private List<AuditEvent> _chunk = new(ChunkRows);
    private int _lane;
    private int _pending;
    private long _inlineInserted;
    private bool _disposed;

    /// <param name="batchSize">Rows per transaction; by default <see cref="DirectBatchRows"/> or <see cref="StagedBatchRows"/>.</param>
    /// <param name="lanes">
    /// Background lanes for a direct ingest (into an empty case); 0 appends on the caller's thread. A bulk ingest
    /// wants 2 on two cores; a writer that must see its rows committed as it goes (watch) or that a test abandons
    /// mid-batch to play a crash wants 0. A staged ingest always appends on the caller's thread.
    /// </param>
    /// <param name="releaseRaw">Release each event's raw record once its row is appended (or it is dropped as a repeat):
    /// for an ingest whose events nothing else reads afterwards, decoded into a <see cref="RawArena"/>.</param>
    public EventWriter(CaseStore store, int? batchSize = null, int lanes = 0, bool releaseRaw = false)
    {
        _releaseRaw = releaseRaw;
        if (store.ReadOnly) throw new StoreException("case file is open read-only");
        ArgumentOutOfRangeException.ThrowIfNegative(lanes);
        _store = store;
        store.Exec($"SET memory_limit = '{IngestMemoryLimit}'; SET threads = {IngestThreads}");
        _direct = Convert.ToInt64(store.Query("SELECT count(*) FROM (SELECT 1 FROM events LIMIT 1)").Rows[0][0]) == 0;
        _batchSize = batchSize ?? (_direct ? DirectBatchRows : StagedBatchRows);
        if (_direct && lanes > 0)
        {
            _lanes = new BackgroundLane[lanes];
            for (var i = 0; i < lanes; i++) _lanes[i] = new BackgroundLane(store.OpenLane(), $"daybreak-append-{i}", releaseRaw);
            return;
        }
        if (!_direct) AppendLane.PrepareStaging(store.Connection);
        _inline = new AppendLane(store.Connection, _direct, releaseRaw);
    }

    /// <summary>Events newly stored by this writer (duplicates of stored records are not counted); final after <see cref="Flush"/>.</summary>
    public long Inserted => _inlineInserted + _lanes.Sum(l => l.Inserted);

    public void Write(AuditEvent evt)
    {
        if (_direct ? !_runIds.Add(Digest(evt.RecordId)) : !_batchIds.Add(evt.RecordId))
        {
            // A record seen before in this run.
            if (_releaseRaw) evt.ReleaseRaw();
            return;
        }
        var endOfBatch = ++_pending >= _batchSize;
        if (_inline is not null)
        {
            _inline.Append(evt);
            if (endOfBatch) Commit();
            return;
        }
        _chunk.Add(evt);
        if (_chunk.Count >= ChunkRows || endOfBatch) Hand(endOfBatch);
    }

    public void Flush()
    {
        if (_inline is not null)
        {
            Commit();
            return;
        }
        if (_chunk.Count > 0) Hand(commit: true);
        foreach (var lane in _lanes) lane.Drain();
    }

    /// <summary>Hands the chunk to the current lane; the end of a batch passes the turn to the next lane.</summary>
    private void Hand(bool commit)
    {
        _lanes[_lane].Post(_chunk, commit);
        _chunk = new List<AuditEvent>(ChunkRows);
        if (!commit) return;
        _pending = 0;
        _lane = (_lane + 1) % _lanes.Length;
    }

    private void Commit()
    {
        _inlineInserted += _inline!.Commit();
        _pending = 0;
        _batchIds.Clear();
    }

    /// <summary>128 bits of SHA-256: a set of these costs a few dozen bytes per record, and no log can forge a collision.</summary>
    private static Int128 Digest(string recordId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(MemoryMarshal.AsBytes(recordId.AsSpan()), hash);
        return MemoryMarshal.Read<Int128>(hash);
    }

    /// <summary>Without <see cref="Flush"/>, open batches are dropped as a crash would drop them.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _inline?.Dispose();
        foreach (var lane in _lanes) lane.Dispose();
        if (_store.Connection.State == System.Data.ConnectionState.Open) _store.Exec($"SET memory_limit = '{CaseStore.MemoryLimit}'; RESET threads");
    }
}
