using System.Diagnostics;
using Daybreak.Correlation;
using Daybreak.Decoders;
using Daybreak.Events;
using Daybreak.Detection;
using Daybreak.Detection.Builtin;
using Daybreak.Detection.Sigma;
using Daybreak.Pipeline;
using Daybreak.Sources;

namespace Daybreak.Bench;

/// <summary>
/// Hunt throughput (issue 4): decode + every detection + correlation over the benchmark file, in process, with the
/// built-in detections only ("hunt"), plus SigmaHQ's cloud rules ("hunt-cloud"), or plus the complete SigmaHQ set
/// routed by log source ("hunt-all"). The SigmaHQ checkout is found at DAYBREAK_SIGMA or ../shared/corpus/sigma.
/// Rule compile times are measured once per run and printed.
/// </summary>
internal static class HuntPhases
{
    public static readonly string[] Names = ["hunt", "hunt-cloud", "hunt-all"];

    public static long Run(string phase, string file)
    {
        var detections = Detections(phase, out _);
        var incidents = IncidentComponents.CreateDefault();
        var analysis = new HuntAnalysis(detections, incidents.Correlator, incidents.Scoper) { ReleaseRaw = true };
        var arena = new RawArena();
        var decoder = new FileDecoder(NormaliserRegistry.CreateDefault(), new DecodeOptions { RawArena = arena, Preread = Preread(analysis.Preread) });
        var events = decoder.Decode(new InputSource(file)).Where(r => r.Event is not null).Select(r => r.Event!);
        var result = analysis.Run(events);
        Console.Error.WriteLine($"{phase}: {result.Alerts.Count:N0} alerts, {result.Incidents.Count:N0} incidents, {result.DetectionErrors.Count} failing detections; raw records in {arena.SlabsMade:N0} slabs of {RawArena.SlabBytes / 1024} KB");
        // DAYBREAK_BENCH_ALERTS=1: which rules raised the alerts, the most first (alert volume is part of a hunt's cost).
        if (Environment.GetEnvironmentVariable("DAYBREAK_BENCH_ALERTS") == "1")
        {
            foreach (var g in result.Alerts.GroupBy(a => a.Rule).OrderByDescending(g => g.Count()).Take(15))
                Console.Error.WriteLine($"{g.Count(),10:N0}  {g.Key}  {g.First().Title}");
        }
        // DAYBREAK_BENCH_GC=1: what the hunt holds once the stream is read, after a full collection, with the detections,
        // the scoper and the correlator alive: their tables at the stream's end, measured the same way every run (the
        // sampled "heap after a collection" depends on when collections happened to run).
        if (Environment.GetEnvironmentVariable("DAYBREAK_BENCH_GC") == "1")
            Console.Error.WriteLine($"{phase}: live after the hunt, detections and scoper alive: {GC.GetTotalMemory(forceFullCollection: true) / 1_000_000.0:F0} MB");
        GC.KeepAlive(detections);
        GC.KeepAlive(incidents);
        return result.Events;
    }

    public static List<IDetection> Detections(string phase, out TimeSpan compile)
    {
        var sw = Stopwatch.StartNew();
        var rules = SigmaFolders.Find(SigmaFolders.Rules) ?? throw new InvalidOperationException("rules/ not found");
        var detections = new List<IDetection>(BuiltinDetections.Create(null, rules));
        if (phase != "hunt")
        {
            var sigma = SigmaRoot();
            var mappings = SigmaFolders.Find(SigmaFolders.Mappings) ?? throw new InvalidOperationException("mappings/ not found");
            var dirs = phase == "hunt-all" ? [sigma] : CommunitySigma.CloudRuleDirectories(sigma);
            var set = CommunitySigma.Create(dirs, mappings);
            Console.Error.WriteLine($"{phase}: {set.Report.Loaded:N0} SigmaHQ rules loaded, {set.Report.Failed} failed, compiled in {set.Report.CompileTime.TotalMilliseconds:F0} ms");
            detections.Add(set.Detection);
        }
        compile = sw.Elapsed;
        // DAYBREAK_BENCH_DETECTIONS=name,name keeps only those detections (with DAYBREAK_BENCH_ALLOCATIONS, what one of
        // them allocates, by type).
        if (Environment.GetEnvironmentVariable("DAYBREAK_BENCH_DETECTIONS") is { Length: > 0 } only)
        {
            var names = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            detections.RemoveAll(d => !names.Contains(d.Name));
        }
        return detections;
    }

    /// <summary>What the decoder finds for the detections as it reads; none with DAYBREAK_BENCH_PREREAD=0 (to measure
    /// the difference within one build).</summary>
    public static PrereadFields? Preread(PrereadFields? preread) =>
        Environment.GetEnvironmentVariable("DAYBREAK_BENCH_PREREAD") == "0" ? null : preread;

    private static string SigmaRoot()
    {
        var env = Environment.GetEnvironmentVariable("DAYBREAK_SIGMA");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "corpus", "sigma");
            if (File.Exists(Path.Combine(dir.FullName, "Daybreak.slnx")) && Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        throw new InvalidOperationException("no SigmaHQ checkout: set DAYBREAK_SIGMA");
    }
}
