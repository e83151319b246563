using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Daybreak.Pipeline;

/// <summary>
/// Enumerates a source on its own thread, a few chunks ahead of the caller: a hunt reads (and parses) events from
/// the case or a file on one core while the detections run on the others. The caller sees the same items in the same
/// order; an exception of the source is rethrown to the caller where the source would have thrown it (after the
/// items before it); when the caller stops early or throws, the source is stopped and disposed before this returns.
/// </summary>
public static class ReadAhead
{
    public static IEnumerable<T> Of<T>(IEnumerable<T> source, int chunkSize = 256, int chunksAhead = 8)
    {
        // Chunks checks the arguments as it is called, not when first enumerated.
        return Flatten(Chunks(source, chunkSize, chunksAhead));
    }

    private static IEnumerable<T> Flatten<T>(IEnumerable<List<T>> chunks)
    {
        foreach (var chunk in chunks)
            foreach (var item in chunk) yield return item;
    }

    /// <summary>The same, a chunk at a time: each chunk is a new list, which the caller may keep.</summary>
    public static IEnumerable<List<T>> Chunks<T>(IEnumerable<T> source, int chunkSize = 256, int chunksAhead = 8)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunksAhead, 1);
        return EnumerateChunks(source, chunkSize, chunksAhead);
    }

    private static IEnumerable<List<T>> EnumerateChunks<T>(IEnumerable<T> source, int chunkSize, int chunksAhead)
    {
        using var queue = new BlockingCollection<List<T>>(chunksAhead);
        using var stop = new CancellationTokenSource();
        ExceptionDispatchInfo? failure = null;
        var producer = Task.Factory.StartNew(() =>
        {
            var chunk = new List<T>(chunkSize);
            try
            {
                try
                {
                    foreach (var item in source)
                    {
                        chunk.Add(item);
                        if (chunk.Count < chunkSize) continue;
                        queue.Add(chunk, stop.Token);
                        chunk = new List<T>(chunkSize);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
                // The items read before the end, or before the source failed.
                if (chunk.Count > 0) queue.Add(chunk, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The caller stopped reading: nothing to report.
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var chunk in queue.GetConsumingEnumerable()) yield return chunk;
        }
        finally
        {
            stop.Cancel();
            producer.Wait();
        }
        failure?.Throw();
    }
}
