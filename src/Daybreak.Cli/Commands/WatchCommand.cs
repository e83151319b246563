using System.ComponentModel;
using System.Globalization;
using Daybreak.Cli.Infrastructure;
using Daybreak.Cli.Output;
using Daybreak.Decoders;
using Daybreak.Detection;
using Daybreak.Pipeline;
using Daybreak.Reporting;
using Daybreak.Sources;
using Daybreak.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

/// <summary>
/// <c>daybreak watch DIR</c>: follows a folder as log files appear and grow, stores every record, and raises alerts
/// as they happen. Events are put back into event-time order within <c>--lateness</c>, so the alerts equal those of
/// a bulk hunt over the same files when records arrive no later than that.
/// </summary>
internal sealed class WatchCommand(CliEnvironment env) : Command<WatchCommand.Settings>
{
    public sealed class Settings : CaseSettings
    {
        [CommandArgument(0, "<DIR>")]
        [Description("Folder to follow (recursively).")]
        public string Directory { get; init; } = "";

        [CommandOption("--lateness <SECONDS>")]
        [Description("How far behind the newest event a record may arrive and still be put in order (event time). Default 300.")]
        public int LatenessSeconds { get; init; } = 300;

        [CommandOption("--poll-ms <MS>")]
        [Description("How often to look for new data. Default 250.")]
        public int PollMs { get; init; } = 250;

        [CommandOption("--quiet-ms <MS>")]
        [Description("A file that is not NDJSON is read once its size has not changed for this long. Default 1000.")]
        public int QuietMs { get; init; } = 1000;

        [CommandOption("--idle-release-ms <MS>")]
        [Description("When no new data arrives for this long, release every pending event without waiting for the lateness (0: never). Default 500.")]
        public int IdleReleaseMs { get; init; } = 500;

        [CommandOption("--until-idle <SECONDS>")]
        [Description("Stop after this long without new data (default: run until interrupted).")]
        public int? UntilIdleSeconds { get; init; }

        [CommandOption("--json")]
        [Description("Print each alert as one JSON line as it is raised, and the final report as JSON.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Directory) ? ValidationResult.Error("name a folder to watch")
            : LatenessSeconds < 0 || PollMs < 10 || IdleReleaseMs < 0 ? ValidationResult.Error("--lateness, --poll-ms and --idle-release-ms must be positive")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = CaseStore.Open(settings.Db, env.Time);
        var log = new RunLog(store, env.Time);
        var runId = log.Start("watch " + settings.Directory, Version.Current);
        var follower = new FileFollower(settings.Directory, [store.Path, store.Path + ".wal"], Math.Max(1, settings.QuietMs / settings.PollMs));
        var reorder = new ReorderBuffer(TimeSpan.FromSeconds(settings.LatenessSeconds));
        var analysis = HuntComponents.Create(new IngestSettings { Paths = [settings.Directory], Db = settings.Db, Json = settings.Json }, env, store);
        var decoder = new FileDecoder(NormaliserRegistry.CreateDefault(), new DecodeOptions { Preread = analysis.Preread });
        var session = analysis.Start(a => PrintAlert(a, settings.Json));
        var summary = new IngestSummary();
        // Files, not reads: a growing file is read in many chunks.
        var files = new HashSet<string>(StringComparer.Ordinal);
        using var writer = new EventWriter(store);

        if (!settings.Json) env.Console.MarkupLine($"Watching {TerminalText.Markup(settings.Directory)} (Ctrl+C to stop) …");
        var idleSince = env.Time.GetTimestamp();
        var released = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var chunks = follower.Poll();
            foreach (var chunk in chunks)
            {
                if (files.Add(chunk.Path)) summary.Files = files.Count;
                var source = new InputSource(chunk.Path) { Start = chunk.Start, End = chunk.End, LineOffset = chunk.FirstLine };
                long seen = 0;
                foreach (var result in decoder.Decode(source))
                {
                    if (++seen <= chunk.SkipRecords) continue;
                    if (result.Rejection is { } rejection)
                    {
                        if (rejection.Line > 0) summary.Records++;
                        summary.Add(rejection);
                        if (!settings.Json) env.Console.MarkupLine($"[red]rejected[/] {TerminalText.Markup(rejection.File)}:{rejection.Line}: {TerminalText.Markup(rejection.Reason)}");
                        continue;
                    }
                    summary.Records++;
                    summary.Accepted++;
                    writer.Write(result.Event!);
                    foreach (var evt in reorder.Push(result.Event!)) session.Observe(evt);
                }
                follower.RecordsRead(chunk, seen);
            }
            if (follower.Changed || chunks.Count > 0)
            {
                writer.Flush();
                idleSince = env.Time.GetTimestamp();
                released = false;
            }
            var idle = env.Time.GetElapsedTime(idleSince);
            if (!released && settings.IdleReleaseMs > 0 && idle.TotalMilliseconds >= settings.IdleReleaseMs)
            {
                foreach (var evt in reorder.Drain()) session.Observe(evt);
                released = true;
            }
            if (settings.UntilIdleSeconds is { } limit && idle.TotalSeconds >= limit) break;
            try { Task.Delay(settings.PollMs, cancellationToken).Wait(cancellationToken); } catch (OperationCanceledException) { break; }
        }

        writer.Flush();
        foreach (var evt in reorder.Drain()) session.Observe(evt);
        var result2 = session.Complete();
        FindingsStore.Save(store, runId, result2.Alerts, result2.Incidents);
        log.Rejections(runId, summary.Errors);
        log.Input(runId, settings.Directory, null, summary.Records, summary.Accepted, summary.Rejected);
        log.Finish(runId);

        var report = new HuntReport
        {
            Input = summary,
            Coverage = CoverageQuery.Run(store),
            Alerts = result2.Alerts,
            Incidents = result2.Incidents,
            DetectionErrors = result2.DetectionErrors,
            TenantWideRules = result2.TenantWideRules,
        };
        if (settings.Json)
        {
            using var stdout = new MemoryStream();
            HuntReportJson.Write(report, stdout);
            env.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stdout.ToArray()).ReplaceLineEndings(" "));
        }
        else
        {
            SummaryView.Render(env.Console, summary, writer.Inserted, report.Coverage, settings.Db);
            FindingsView.Render(env.Console, report);
            if (reorder.TooLate > 0)
                env.Console.MarkupLine($"[yellow]{reorder.TooLate:N0} events arrived later than --lateness allowed; 'daybreak hunt' over the case orders them exactly.[/]");
        }
        return ExitCodes.Completed;
    }

    private void PrintAlert(Alert alert, bool json)
    {
        if (json)
        {
            var text = FindingsJson.Write(alert);
            lock (env.Out) env.Out.WriteLine(text);
            return;
        }
        env.Console.MarkupLine($"[red]ALERT[/] {alert.Time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} {alert.Severity.Name()} " +
            $"{TerminalText.Markup(alert.Title)} [grey]{string.Join(",", alert.Techniques)} {alert.Id}[/]");
    }
}
