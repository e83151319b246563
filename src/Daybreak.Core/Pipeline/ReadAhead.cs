using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Daybreak.Pipeline;

/// <summary>
/// Enumerates a source on its own thread, a few chunks ahead of the consumer, so that producing the items (decoding a
/// file, reading the case back from DuckDB) and consuming them (the detections) overlap on two cores instead of
/// taking turns. Order is kept; memory is bounded by <c>chunks × chunkSize</c> items in flight; an exception in the
/// source surfaces in the consumer as if it had enumerated the source itself; stopping early stops the producer.
/// </summary>
public static class ReadAhead
{
    public static IEnumerable<T> Of<T>(IEnumerable<T> source, int chunkSize = 512, int chunks = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunks, 1);
        return Enumerate(source, chunkSize, chunks);
    }

    private static IEnumerable<T> Enumerate<T>(IEnumerable<T> source, int chunkSize, int chunks)
    {
        using var stop = new CancellationTokenSource();
        using var queue = new BlockingCollection<List<T>>(chunks);
        var producer = Task.Factory.StartNew(() => Produce(source, queue, chunkSize, stop.Token), stop.Token,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var chunk in queue.GetConsumingEnumerable())
            {
                foreach (var item in chunk) yield return item;
            }
        }
        finally
        {
            // Finished, failed or abandoned by the consumer: the producer must be done before the source is reused
            // (a case store's connection serves one thread at a time).
            stop.Cancel();
            try { producer.Wait(CancellationToken.None); }
            catch (AggregateException) { } // rethrown below unless it is our own cancellation
        }
        if (producer.Exception?.InnerException is { } failure and not OperationCanceledException) ExceptionDispatchInfo.Throw(failure);
    }

    private static void Produce<T>(IEnumerable<T> source, BlockingCollection<List<T>> queue, int chunkSize, CancellationToken stop)
    {
        var chunk = new List<T>(chunkSize);
        try
        {
            foreach (var item in source)
            {
                stop.ThrowIfCancellationRequested();
                chunk.Add(item);
                if (chunk.Count < chunkSize) continue;
                queue.Add(chunk, stop);
                chunk = new List<T>(chunkSize);
            }
            if (chunk.Count > 0) queue.Add(chunk, stop);
        }
        catch (Exception) when (!stop.IsCancellationRequested && chunk.Count > 0)
        {
            // The items read before the failure still reach the consumer, then the failure does.
            queue.Add(chunk, stop);
            throw;
        }
        finally
        {
            queue.CompleteAdding();
        }
    }
}
