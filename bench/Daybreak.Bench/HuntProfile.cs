using System.Diagnostics;
using Daybreak.Correlation;
using Daybreak.Decoders;
using Daybreak.Detection;
using Daybreak.Pipeline;
using Daybreak.Sources;

namespace Daybreak.Bench;

/// <summary>
/// Where hunt time goes, over the benchmark file: decoding, cumulative time per detection, the scoper's observing,
/// and at the end correlation (incident building) and scoping. "hunt-profile" uses the built-in detections,
/// "hunt-cloud-profile" adds SigmaHQ's cloud rules (as the "hunt-cloud" phase does). Allocation and GC counts are
/// printed too: on this data they explain more than the CPU profile does.
/// </summary>
internal static class HuntProfile
{
    public static readonly string[] Names = ["hunt-profile", "hunt-cloud-profile"];

    public static long Run(string phase, string file)
    {
        using var pauses = new GcPauses();
        var detections = HuntPhases.Detections(phase == "hunt-cloud-profile" ? "hunt-cloud" : "hunt", out _);
        var incidents = IncidentComponents.CreateDefault();
        var times = new Stopwatch[detections.Count];
        for (var i = 0; i < times.Length; i++) times[i] = new Stopwatch();
        // Bytes allocated per stage (this thread): allocation, not CPU, is what stops a stage from scaling on cores.
        var allocated = new long[detections.Count];
        long decodeAllocated = 0;
        Stopwatch decode = new(), scoper = new(), correlate = new(), scope = new();
        var sink = new Sink();
        // As the hunt phases decode: raw records in an arena, each released once every detection has seen its event.
        var preread = HuntPhases.Preread(detections.Select(d => d.Preread).FirstOrDefault(p => p is not null));
        var decoder = new FileDecoder(NormaliserRegistry.CreateDefault(), new DecodeOptions { RawArena = new Events.RawArena(), Preread = preread });
        long n = 0;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        using var results = decoder.Decode(new InputSource(file)).GetEnumerator();
        while (true)
        {
            decode.Start();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var more = results.MoveNext();
            decodeAllocated += GC.GetAllocatedBytesForCurrentThread() - before;
            decode.Stop();
            if (!more) break;
            if (results.Current.Event is not { } evt) continue;
            n++;
            for (var i = 0; i < detections.Count; i++)
            {
                times[i].Start();
                var start = GC.GetAllocatedBytesForCurrentThread();
                detections[i].Observe(evt, sink);
                allocated[i] += GC.GetAllocatedBytesForCurrentThread() - start;
                times[i].Stop();
            }
            scoper.Start();
            incidents.Scoper.Observe(evt);
            scoper.Stop();
            evt.ReleaseRaw();
        }
        for (var i = 0; i < detections.Count; i++)
        {
            times[i].Start();
            detections[i].Flush(sink);
            times[i].Stop();
        }
        var pausedBeforeEnd = GC.GetTotalPauseDuration();
        var gen2BeforeEnd = GC.CollectionCount(2);
        var allocatedBeforeEnd = GC.GetTotalAllocatedBytes();
        AllocTicks.StartingEnd();
        correlate.Start();
        var ordered = HuntSession.InReportOrder(sink.Alerts);
        var found = incidents.Correlator.Correlate(ordered).Incidents;
        correlate.Stop();
        scope.Start();
        HuntSession.ScopeAll(found, incidents.Scoper);
        scope.Stop();
        var endPaused = GC.GetTotalPauseDuration() - pausedBeforeEnd;
        var endGen2 = GC.CollectionCount(2) - gen2BeforeEnd;
        var endAllocated = GC.GetTotalAllocatedBytes() - allocatedBeforeEnd;

        Console.Error.WriteLine($"{"decode",-40} {decode.Elapsed.TotalSeconds,8:F2} s {decodeAllocated / 1e6,8:F0} MB allocated");
        for (var i = 0; i < detections.Count; i++)
            Console.Error.WriteLine($"{detections[i].Name,-40} {times[i].Elapsed.TotalSeconds,8:F2} s {allocated[i] / 1e6,8:F0} MB allocated");
        Console.Error.WriteLine($"{"scoper (observe)",-40} {scoper.Elapsed.TotalSeconds,8:F2} s");
        Console.Error.WriteLine($"{"correlate (" + ordered.Count + " alerts, " + found.Count + " incidents)",-40} {correlate.Elapsed.TotalSeconds,8:F2} s");
        Console.Error.WriteLine($"{"scope incidents",-40} {scope.Elapsed.TotalSeconds,8:F2} s");
        Console.Error.WriteLine($"{"  end (correlate, scope): GC paused",-40} {endPaused.TotalSeconds,8:F2} s ({endGen2} full collections); {endAllocated / 1e6:F0} MB allocated");
        Console.Error.WriteLine($"{"allocated",-40} {(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1e6,8:F0} MB; GC gen0/1/2: {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, paused {GC.GetTotalPauseDuration().TotalSeconds:F2} s");
        Console.Error.WriteLine($"{"GC pauses by generation",-40} {pauses.Summary()}");
        return n;
    }

    private sealed class Sink : IAlertSink
    {
        public List<Alert> Alerts { get; } = [];

        public void Raise(Alert alert) => Alerts.Add(alert);
    }
}
