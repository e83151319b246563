using Daybreak.Correlation;
using Daybreak.Detection;
using Daybreak.Events;
using Daybreak.Scoping;

namespace Daybreak.Pipeline;

/// <summary>
/// The analysis half of a hunt, over one event-time-ordered stream: detections raise alerts, the scoper indexes
/// mail access, the correlator joins alerts into incidents, and each incident gets its blast radius. Bulk hunts
/// call <see cref="Run"/> over the case read in time order; <c>watch</c> feeds a session through a reorder buffer.
/// Detections are stateful: one analysis serves one session.
/// </summary>
public sealed class HuntAnalysis(IReadOnlyList<IDetection> detections, IIncidentCorrelator correlator, IBlastRadiusScoper scoper)
{
    /// <summary>Threads the detections and the scoper of a bulk run share (<see cref="ObserverLanes{T}"/>).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Whether <see cref="Run"/> releases each event's raw record once every detection and the scoper have seen it
    /// (<see cref="AuditEvent.ReleaseRaw"/>), for a stream read into a <see cref="RawArena"/> that nothing else uses
    /// afterwards. Detections keep normalised fields of what they keep, never the raw record.
    /// </summary>
    public bool ReleaseRaw { get; init; }

    /// <summary>Whether any detection reads raw records (<see cref="IDetection.ReadsRawRecords"/>); the scopers and the
    /// correlator never do.</summary>
    public bool ReadsRawRecords => detections.Any(d => d.ReadsRawRecords);

    /// <summary>The raw fields a detection reads from every record (<see cref="IDetection.Preread"/>; the first that
    /// names any: a decoder finds one plan's), for the decoder that feeds this analysis.</summary>
    public Decoders.PrereadFields? Preread => detections.Select(d => d.Preread).FirstOrDefault(p => p is not null);

    /// <summary>
    /// Runs the analysis over <paramref name="ordered"/>, which is read (decoded, or fetched from the case) on its own
    /// thread, while the detections and the scoper observe it on <see cref="Threads"/> others: each sees every event
    /// in order, and each alone, so the result is the result of observing one event at a time.
    /// </summary>
    public HuntResult Run(IEnumerable<AuditEvent> ordered, IProgress<long>? progress = null)
    {
        var runner = new DetectionRunner(detections);
        Action<List<AuditEvent>> scope = chunk =>
        {
            foreach (var evt in chunk) scoper.Observe(evt);
        };
        Action<List<AuditEvent>>? release = ReleaseRaw ? chunk =>
        {
            foreach (var evt in chunk) evt.ReleaseRaw();
        } : null;
        using (var lanes = new ObserverLanes<AuditEvent>([.. runner.ChunkObservers(), scope], Threads, seenByAll: release))
        {
            long events = 0;
            foreach (var chunk in ReadAhead.Chunks(ordered))
            {
                lanes.Post(chunk);
                var before = events;
                events += chunk.Count;
                if (events / 10_000 > before / 10_000) progress?.Report(events);
            }
            lanes.Complete();
            runner.CountObserved(events);
        }
        return new HuntSession(runner, correlator, scoper).Complete();
    }

    /// <summary>Starts a session; <paramref name="onAlert"/> hears each alert as it is raised.</summary>
    public HuntSession Start(Action<Alert>? onAlert = null) => new(new DetectionRunner(detections) { OnAlert = onAlert }, correlator, scoper);
}

/// <summary>One pass of events in time order through detections and scoper; <see cref="Complete"/> ends it.</summary>
public sealed class HuntSession(DetectionRunner runner, IIncidentCorrelator correlator, IBlastRadiusScoper scoper)
{
    public long Events => runner.Events;

    public void Observe(AuditEvent evt)
    {
        runner.Write(evt);
        scoper.Observe(evt);
    }

    public HuntResult Complete()
    {
        runner.Flush();
        var alerts = InReportOrder(runner.Alerts);
        var correlation = correlator.Correlate(alerts);
        ScopeAll(correlation.Incidents, scoper);
        return new HuntResult(alerts, correlation.Incidents, runner.Errors, runner.Events) { TenantWideRules = correlation.TenantWideRules };
    }

    // The end of a hunt runs on the machine's cores, not one: each alert's id (a hash of its evidence, which the sorts
    // ask for) and each incident's blast radius stand alone.

    /// <summary>The alerts by event time, then id, as the report lists them.</summary>
    public static List<Alert> InReportOrder(IReadOnlyList<Alert> raised)
    {
        Parallel.For(0, raised.Count, i => _ = raised[i].Id);
        return raised.OrderBy(a => a.Time).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Gives each incident its blast radius (several at once: scopers only read once observing is done).</summary>
    public static void ScopeAll(IReadOnlyList<Incident> incidents, IBlastRadiusScoper scoper)
    {
        Parallel.For(0, incidents.Count, i =>
        {
            var incident = incidents[i];
            incident.BlastRadius = scoper.Scope(incident);
            incident.CountBlastRadiusInTitle();
        });
    }
}

/// <summary>What the analysis found.</summary>
public sealed record HuntResult(IReadOnlyList<Alert> Alerts, IReadOnlyList<Incident> Incidents, IReadOnlyCollection<DetectionError> DetectionErrors, long Events)
{
    /// <summary>Community rules whose alerts joined no incident because they fire across the tenant.</summary>
    public IReadOnlyList<TenantWideRule> TenantWideRules { get; init; } = [];
}
