using Daybreak.Decoders;
using Daybreak.Sources;

namespace Daybreak.Pipeline;

/// <summary>
/// Reads every input through the decoder into the sinks. A failing sink write is a defect, not bad input, and is
/// allowed to end the run; bad input never is: it becomes rejections in the summary.
/// </summary>
public sealed class IngestPipeline(FileDecoder decoder, IReadOnlyList<IEventSink> sinks)
{
    private const int ProgressEvery = 5000;

    public IngestSummary Run(IReadOnlyList<InputSource> inputs, IProgress<IngestProgress>? progress = null, Stream? stdin = null, CancellationToken cancellation = default)
    {
        var summary = new IngestSummary();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            summary.Files++;
            long fileRecords = 0;
            foreach (var result in decoder.Decode(input, stdin))
            {
                cancellation.ThrowIfCancellationRequested();
                if (result.Rejection is { } rejection)
                {
                    if (rejection.Line > 0) summary.Records++;
                    summary.Add(rejection);
                }
                else
                {
                    summary.Records++;
                    summary.Accepted++;
                    foreach (var sink in sinks) sink.Write(result.Event!);
                }
                if (++fileRecords % ProgressEvery == 0) progress?.Report(new IngestProgress(i, inputs.Count, input.DisplayName, summary.Records, 0));
            }
            foreach (var sink in sinks) sink.Flush();
            progress?.Report(new IngestProgress(i + 1, inputs.Count, input.DisplayName, summary.Records, 0));
        }
        return summary;
    }
}
