using Daybreak.Correlation;
using Daybreak.Detection;
using Daybreak.Events;
using Daybreak.Scoping;

namespace Daybreak.Pipeline;

/// <summary>
/// The analysis half of a hunt, over one event-time-ordered stream: detections raise alerts, the scoper indexes
/// mail access, the correlator joins alerts into incidents, and each incident gets its blast radius.
/// </summary>
public sealed class HuntAnalysis(IReadOnlyList<IDetection> detections, IIncidentCorrelator correlator, IBlastRadiusScoper scoper)
{
    public HuntResult Run(IEnumerable<AuditEvent> ordered, IProgress<long>? progress = null)
    {
        var runner = new DetectionRunner(detections);
        foreach (var evt in ordered)
        {
            runner.Write(evt);
            scoper.Observe(evt);
            if (runner.Events % 10_000 == 0) progress?.Report(runner.Events);
        }
        runner.Flush();
        var alerts = runner.Alerts.OrderBy(a => a.Time).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        var incidents = correlator.Correlate(alerts);
        foreach (var incident in incidents) incident.BlastRadius = scoper.Scope(incident);
        return new HuntResult(alerts, incidents, runner.Errors, runner.Events);
    }
}

/// <summary>What the analysis found.</summary>
public sealed record HuntResult(IReadOnlyList<Alert> Alerts, IReadOnlyList<Incident> Incidents, IReadOnlyCollection<DetectionError> DetectionErrors, long Events);
