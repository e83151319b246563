using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Daybreak.Decoders;
using Daybreak.Sources;

namespace Daybreak.Pipeline;

/// <summary>
/// Reads every input through the decoder into the sinks. A failing sink write is a defect, not bad input, and is
/// allowed to end the run; bad input never is: it becomes rejections in the summary.
/// </summary>
/// <remarks>
/// Decoding runs on its own thread, one chunk of results ahead of the sinks through a small bounded queue, so an
/// ingest takes about as long as the slower of decoding and storing rather than their sum. There is one producer
/// and one consumer, so the sinks see exactly the order a sequential run would, and are only ever called from the
/// caller's thread.
/// </remarks>
public sealed class IngestPipeline(FileDecoder decoder, IReadOnlyList<IEventSink> sinks)
{
    private const int ProgressEvery = 5000;
    private const int ChunkSize = 256;
    private const int ChunksAhead = 8; // memory bound: a few thousand decoded events in flight

    public IngestSummary Run(IReadOnlyList<InputSource> inputs, IProgress<IngestProgress>? progress = null, Stream? stdin = null, CancellationToken cancellation = default)
    {
        var summary = new IngestSummary();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var queue = new BlockingCollection<Chunk>(ChunksAhead);
        var producer = Task.Factory.StartNew(() => Produce(inputs, stdin, queue, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            long fileRecords = 0;
            foreach (var chunk in queue.GetConsumingEnumerable(cancellation))
            {
                foreach (var result in chunk.Results)
                {
                    cancellation.ThrowIfCancellationRequested();
                    Consume(result, summary);
                    if (++fileRecords % ProgressEvery == 0)
                        progress?.Report(new IngestProgress(chunk.FileIndex, inputs.Count, inputs[chunk.FileIndex].DisplayName, summary.Records, 0));
                }
                if (!chunk.EndOfFile) continue;
                summary.Files++;
                fileRecords = 0;
                progress?.Report(new IngestProgress(chunk.FileIndex + 1, inputs.Count, inputs[chunk.FileIndex].DisplayName, summary.Records, 0));
            }
        }
        finally
        {
            // Whether we finished or a sink threw, the decoder thread must be done before the caller goes on.
            stop.Cancel();
            try { producer.Wait(CancellationToken.None); }
            catch (AggregateException) { } // rethrown below unless it is our own cancellation
        }
        // A decoder defect (bad input never throws) surfaces here, as it would have in a sequential run.
        if (producer.Exception?.InnerException is { } failure and not OperationCanceledException) ExceptionDispatchInfo.Throw(failure);
        cancellation.ThrowIfCancellationRequested();
        // Once per run, not per file: exports come as thousands of hourly files of a few thousand records, and a
        // commit per file made the store write, and rewrite at each checkpoint, thousands of partial row groups.
        foreach (var sink in sinks) sink.Flush();
        return summary;
    }

    private void Consume(in DecodeResult result, IngestSummary summary)
    {
        if (result.Rejection is { } rejection)
        {
            if (rejection.Line > 0) summary.Records++;
            summary.Add(rejection);
            return;
        }
        summary.Records++;
        summary.Accepted++;
        foreach (var sink in sinks) sink.Write(result.Event!);
    }

    private void Produce(IReadOnlyList<InputSource> inputs, Stream? stdin, BlockingCollection<Chunk> queue, CancellationToken stop)
    {
        try
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                var results = new List<DecodeResult>(ChunkSize);
                foreach (var result in decoder.Decode(inputs[i], stdin))
                {
                    stop.ThrowIfCancellationRequested();
                    results.Add(result);
                    if (results.Count < ChunkSize) continue;
                    queue.Add(new Chunk(i, results, EndOfFile: false), stop);
                    results = new List<DecodeResult>(ChunkSize);
                }
                queue.Add(new Chunk(i, results, EndOfFile: true), stop);
            }
        }
        finally
        {
            queue.CompleteAdding();
        }
    }

    /// <summary>Consecutive results of one file; the last chunk of each file is marked so the sinks flush there.</summary>
    private sealed record Chunk(int FileIndex, List<DecodeResult> Results, bool EndOfFile);
}
