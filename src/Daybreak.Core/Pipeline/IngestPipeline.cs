using Daybreak.Decoders;
using Daybreak.Sources;

namespace Daybreak.Pipeline;

/// <summary>
/// Reads every input through the decoder into the sinks. A failing sink write is a defect, not bad input, and is
/// allowed to end the run; bad input never is: it becomes rejections in the summary.
/// </summary>
/// <remarks>
/// Decoding runs on its own thread, a few chunks of results ahead of the sinks (<see cref="ReadAhead"/>), so an ingest
/// takes about as long as the slower of decoding and storing rather than their sum. There is one producer and one
/// consumer, so the sinks see exactly the order a sequential run would, and are only ever called from the caller's
/// thread.
/// </remarks>
public sealed class IngestPipeline(FileDecoder decoder, IReadOnlyList<IEventSink> sinks)
{
    private const int ProgressEvery = 5000;
    private const int ChunkSize = 256;
    private const int ChunksAhead = 8; // memory bound: a few thousand decoded events in flight

    public IngestSummary Run(IReadOnlyList<InputSource> inputs, IProgress<IngestProgress>? progress = null, Stream? stdin = null, CancellationToken cancellation = default)
    {
        var summary = new IngestSummary();
        long fileRecords = 0;
        // A decoder defect (bad input never throws) surfaces from here, after the results before it, as it would in a
        // sequential run; a sink that throws stops the decoder thread before the exception leaves.
        foreach (var item in ReadAhead.Of(Decode(inputs, stdin, cancellation), ChunkSize, ChunksAhead))
        {
            cancellation.ThrowIfCancellationRequested();
            if (item.EndOfFile)
            {
                summary.Files++;
                fileRecords = 0;
                progress?.Report(new IngestProgress(item.FileIndex + 1, inputs.Count, inputs[item.FileIndex].DisplayName, summary.Records, 0));
                continue;
            }
            Consume(item.Result, summary);
            if (++fileRecords % ProgressEvery == 0)
                progress?.Report(new IngestProgress(item.FileIndex, inputs.Count, inputs[item.FileIndex].DisplayName, summary.Records, 0));
        }
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

    /// <summary>Every input's results in order, each file's followed by a marker of its end.</summary>
    private IEnumerable<Decoded> Decode(IReadOnlyList<InputSource> inputs, Stream? stdin, CancellationToken cancellation)
    {
        for (var i = 0; i < inputs.Count; i++)
        {
            foreach (var result in decoder.Decode(inputs[i], stdin))
            {
                cancellation.ThrowIfCancellationRequested();
                yield return new Decoded(i, result, EndOfFile: false);
            }
            yield return new Decoded(i, default, EndOfFile: true);
        }
    }

    private readonly record struct Decoded(int FileIndex, DecodeResult Result, bool EndOfFile);
}
