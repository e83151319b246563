using Daybreak.Cli.Infrastructure;
using Daybreak.Cli.Output;
using Daybreak.Decoders;
using Daybreak.Pipeline;
using Daybreak.Sources;
using Daybreak.Storage;
using Spectre.Console;

namespace Daybreak.Cli.Commands;

/// <summary>The ingest step shared by <c>ingest</c> and <c>hunt</c>: expand inputs, decode, store, log the run.</summary>
internal static class IngestRun
{
    public sealed record Result(IngestSummary Summary, long Inserted, IReadOnlyList<string> Missing, int Inputs, string RunId)
    {
        /// <summary>No paths were named: the run analyses the case as it is.</summary>
        public bool CaseOnly { get; init; }
    }

    public static Result Execute(CliEnvironment env, IngestSettings settings, CaseStore store, string command)
    {
        var missing = new List<string>();
        var inputs = InputExpander.Expand(settings.Paths, missing.Add, [store.Path, store.Path + ".wal"]);
        var decoder = new FileDecoder(NormaliserRegistry.CreateDefault(), new DecodeOptions
        {
            Format = settings.Format,
            MaxRecordBytes = settings.MaxRecordMb * 1024 * 1024,
            // The writer is the only consumer and releases each raw record once its row is appended.
            RawArena = new Events.RawArena(),
        });
        var log = new RunLog(store, env.Time);
        var runId = log.Start(command + " " + string.Join(' ', settings.Paths), Version.Current);
        using var writer = new EventWriter(store, lanes: EventWriter.BulkLanes, releaseRaw: true);
        var pipeline = new IngestPipeline(decoder, [writer]);

        IngestSummary summary;
        if (env.IsTerminal && !settings.Json && inputs.Count > 0)
        {
            summary = null!;
            env.Console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("reading", maxValue: inputs.Count);
                    summary = pipeline.Run(inputs, new Progress(task), env.In);
                });
        }
        else
        {
            summary = pipeline.Run(inputs, null, env.In);
        }

        foreach (var path in missing) summary.Errors.Insert(0, new Rejection(path, 0, "no such file or folder"));
        log.Rejections(runId, summary.Errors);
        log.Input(runId, string.Join(';', settings.Paths), null, summary.Records, summary.Accepted, summary.Rejected);
        log.Finish(runId);
        return new Result(summary, writer.Inserted, missing, inputs.Count, runId) { CaseOnly = settings.Paths.Length == 0 };
    }

    /// <summary>Exit code for a finished ingest: nothing readable at all is 2; --strict with rejections is 3.</summary>
    public static int ExitCode(Result result, bool strict)
    {
        if (result.CaseOnly) return ExitCodes.Completed;
        if (result.Inputs == 0 || (result.Summary.Accepted == 0 && result.Summary.Records == 0 && result.Summary.Errors.Count > 0))
            return ExitCodes.InputUnreadable;
        if (strict && (result.Summary.Rejected > 0 || result.Missing.Count > 0)) return ExitCodes.StrictRejections;
        return ExitCodes.Completed;
    }

    private sealed class Progress(ProgressTask task) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value)
        {
            task.Value = value.FileIndex;
            task.Description = $"{value.Records:N0} records · {TerminalText.Markup(Path.GetFileName(value.File), 40)}";
        }
    }
}
