using Daybreak.Cli.Infrastructure;
using Daybreak.Cli.Output;
using Daybreak.Pipeline;
using Daybreak.Reporting;
using Daybreak.Storage;

namespace Daybreak.Cli.Commands;

/// <summary>
/// A whole hunt: ingest the inputs into the case, analyse every event of the case in event-time order (detections,
/// incidents, blast radius), keep the findings in the case, and report. Shared by <c>hunt</c> and <c>demo</c>.
/// </summary>
internal static class HuntRun
{
    public static int Execute(CliEnvironment env, IngestSettings settings, string command)
    {
        using var store = CaseStore.Open(settings.Db, env.Time);
        var ingest = IngestRun.Execute(env, settings, store, command);
        var coverage = CoverageQuery.Run(store);

        HuntResult? analysis = null;
        if (command != "ingest")
        {
            // Raw records are read back only for detections that read them (community Sigma rules), into pooled
            // memory that each event gives back once every detection has seen it.
            var hunt = HuntComponents.Create(settings, env, store);
            var raw = hunt.ReadsRawRecords;
            analysis = hunt.Run(EventReader.ReadOrdered(store, arena: raw ? new Events.RawArena() : null, withRaw: raw));
            FindingsStore.Save(store, ingest.RunId, analysis.Alerts, analysis.Incidents);
        }

        var report = new HuntReport
        {
            Input = ingest.Summary,
            Coverage = coverage,
            Alerts = analysis?.Alerts ?? [],
            Incidents = analysis?.Incidents ?? [],
            DetectionErrors = analysis?.DetectionErrors ?? [],
            TenantWideRules = analysis?.TenantWideRules ?? [],
        };
        if (settings.Json)
        {
            using var stdout = new MemoryStream();
            HuntReportJson.Write(report, stdout);
            env.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stdout.ToArray()));
        }
        else
        {
            SummaryView.Render(env.Console, ingest.Summary, ingest.Inserted, coverage, settings.Db);
            if (analysis is not null) FindingsView.Render(env.Console, report);
        }
        return IngestRun.ExitCode(ingest, settings.Strict);
    }
}
