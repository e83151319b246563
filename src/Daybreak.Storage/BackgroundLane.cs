using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Daybreak.Events;
using DuckDB.NET.Data;

namespace Daybreak.Storage;

/// <summary>
/// An <see cref="AppendLane"/> on its own thread and connection: the writer hands it chunks of events, each batch
/// ending with a commit, and goes on. DuckDB compresses and writes a row group on the thread that appends it, so
/// two lanes let an ingest use both cores where one appending thread was the bottleneck.
/// </summary>
internal sealed class BackgroundLane : IDisposable
{
    /// <summary>Chunks waiting per lane: enough to keep it busy, few enough to bound the events held in memory.</summary>
    private const int ChunksQueued = 2;

    private readonly DuckDBConnection _connection;
    private readonly AppendLane _lane;
    private readonly BlockingCollection<Work> _queue = new(ChunksQueued);
    private readonly Thread _thread;
    private ExceptionDispatchInfo? _failure;
    private long _inserted;
    private bool _disposed;

    private sealed record Work(List<AuditEvent> Events, bool Commit, ManualResetEventSlim? Done);

    public BackgroundLane(DuckDBConnection connection, string name, bool releaseRaw = false)
    {
        _connection = connection;
        _lane = new AppendLane(connection, direct: true, releaseRaw);
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Events this lane has committed.</summary>
    public long Inserted => Interlocked.Read(ref _inserted);

    /// <summary>Queues a chunk (blocking while the lane is behind); <paramref name="commit"/> ends the batch.</summary>
    public void Post(List<AuditEvent> events, bool commit)
    {
        ThrowIfFailed();
        _queue.Add(new Work(events, commit, null));
    }

    /// <summary>Waits until everything posted is committed; rethrows a failure of the lane.</summary>
    public void Drain()
    {
        using var done = new ManualResetEventSlim();
        _queue.Add(new Work([], true, done));
        done.Wait();
        ThrowIfFailed();
    }

    private void ThrowIfFailed() => Volatile.Read(ref _failure)?.Throw();

    private void Run()
    {
        foreach (var work in _queue.GetConsumingEnumerable())
        {
            // After a failure the lane only releases whoever waits: the writer rethrows it on its next call.
            if (_failure is null)
            {
                try
                {
                    foreach (var evt in work.Events) _lane.Append(evt);
                    if (work.Commit) Interlocked.Add(ref _inserted, _lane.Commit());
                }
                catch (Exception ex)
                {
                    Volatile.Write(ref _failure, ExceptionDispatchInfo.Capture(ex));
                }
            }
            work.Done?.Set();
        }
    }

    /// <summary>Stops the thread; a batch not yet committed is dropped as a crash would drop it.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
        _lane.Dispose();
        _connection.Dispose();
    }
}
