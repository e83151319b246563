using Daybreak.Events;
using Daybreak.Pipeline;

namespace Daybreak.Detection;

/// <summary>
/// Feeds every event to every detection, in the order given (the hunt gives event-time order), collecting alerts.
/// A detection that throws has its error counted and the first few reported; the other detections and the run go on.
/// </summary>
public sealed class DetectionRunner(IReadOnlyList<IDetection> detections) : IEventSink, IAlertSink
{
    private readonly List<Alert> _alerts = [];
    private readonly HashSet<string> _alertIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DetectionError> _errors = new(StringComparer.Ordinal);

    public IReadOnlyList<IDetection> Detections { get; } = detections;

    public IReadOnlyList<Alert> Alerts => _alerts;

    /// <summary>Per detection: how many events it failed on, and the first failure.</summary>
    public IReadOnlyCollection<DetectionError> Errors => _errors.Values;

    public long Events { get; private set; }

    /// <summary>Called for each new alert as it is raised (streaming output).</summary>
    public Action<Alert>? OnAlert { get; set; }

    public void Write(AuditEvent evt)
    {
        Events++;
        foreach (var detection in Detections)
        {
            try
            {
                detection.Observe(evt, this);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Record(detection, ex, evt.RecordId);
            }
        }
    }

    /// <summary>Ends the input: stateful detections raise what is pending. Call once.</summary>
    public void Flush()
    {
        foreach (var detection in Detections)
        {
            try
            {
                detection.Flush(this);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Record(detection, ex, null);
            }
        }
    }

    public void Raise(Alert alert)
    {
        if (!_alertIds.Add(alert.Id)) return;
        _alerts.Add(alert);
        OnAlert?.Invoke(alert);
    }

    private void Record(IDetection detection, Exception ex, string? recordId)
    {
        if (_errors.TryGetValue(detection.Name, out var error)) error.Count++;
        else _errors[detection.Name] = new DetectionError(detection.Name, $"{ex.GetType().Name}: {ex.Message}", recordId) { Count = 1 };
    }
}

/// <summary>A detection's failures during a run.</summary>
public sealed class DetectionError(string detection, string firstError, string? firstRecordId)
{
    public string Detection { get; } = detection;

    public string FirstError { get; } = firstError;

    public string? FirstRecordId { get; } = firstRecordId;

    public long Count { get; set; }
}
