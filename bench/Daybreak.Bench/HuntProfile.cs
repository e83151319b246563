using System.Diagnostics;
using Daybreak.Correlation;
using Daybreak.Decoders;
using Daybreak.Detection;
using Daybreak.Sources;

namespace Daybreak.Bench;

/// <summary>Where hunt time goes: cumulative time per detection and for the scoper, over the benchmark file.</summary>
internal static class HuntProfile
{
    public static long Run(string file)
    {
        var detections = HuntPhases.Detections("hunt", out _);
        var incidents = IncidentComponents.CreateDefault();
        var times = new Stopwatch[detections.Count + 1];
        for (var i = 0; i < times.Length; i++) times[i] = new Stopwatch();
        var sink = new Sink();
        var decoder = new FileDecoder(NormaliserRegistry.CreateDefault(), new DecodeOptions());
        long n = 0;
        foreach (var r in decoder.Decode(new InputSource(file)))
        {
            if (r.Event is null) continue;
            n++;
            for (var i = 0; i < detections.Count; i++)
            {
                times[i].Start();
                detections[i].Observe(r.Event, sink);
                times[i].Stop();
            }
            times[^1].Start();
            incidents.Scoper.Observe(r.Event);
            times[^1].Stop();
        }
        for (var i = 0; i < detections.Count; i++) Console.Error.WriteLine($"{detections[i].Name,-40} {times[i].Elapsed.TotalSeconds,8:F2} s");
        Console.Error.WriteLine($"{"scoper",-40} {times[^1].Elapsed.TotalSeconds,8:F2} s");
        return n;
    }

    private sealed class Sink : IAlertSink
    {
        public void Raise(Alert alert) { }
    }
}
