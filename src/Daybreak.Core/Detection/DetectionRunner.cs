using Daybreak.Events;
using Daybreak.Pipeline;

namespace Daybreak.Detection;

/// <summary>
/// Feeds every event to every detection, in the order given (the hunt gives event-time order), collecting alerts.
/// A detection that throws has its error counted and the first few reported; the other detections and the run go on.
/// </summary>
/// <remarks>
/// Detections run one after another on the caller's thread through <see cref="Write"/>, alerts reaching
/// <see cref="OnAlert"/> as they are raised (watch); or each as its own observer of chunks
/// (<see cref="ChunkObservers"/>, for <see cref="ObserverLanes{T}"/>), keeping its alerts until <see cref="Flush"/>
/// takes them in detection order. Either way each detection sees every event in order, and the alerts are the same.
/// </remarks>
public sealed class DetectionRunner : IEventSink
{
    private readonly Slot[] _slots;
    private readonly List<Alert> _alerts = [];
    private readonly HashSet<string> _alertIds = new(StringComparer.Ordinal);

    public DetectionRunner(IReadOnlyList<IDetection> detections)
    {
        Detections = detections;
        _slots = [.. detections.Select(d => new Slot(d, this))];
    }

    public IReadOnlyList<IDetection> Detections { get; }

    public IReadOnlyList<Alert> Alerts => _alerts;

    /// <summary>Per detection, in detection order: how many events it failed on, and the first failure.</summary>
    public IReadOnlyCollection<DetectionError> Errors => [.. _slots.Select(s => s.Error).OfType<DetectionError>()];

    public long Events { get; private set; }

    /// <summary>Called for each new alert as it is raised (streaming output); with <see cref="ChunkObservers"/>, at <see cref="Flush"/>.</summary>
    public Action<Alert>? OnAlert { get; set; }

    public void Write(AuditEvent evt)
    {
        Events++;
        foreach (var slot in _slots) slot.Observe(evt);
    }

    /// <summary>
    /// One observer per detection, each to be given every chunk of the stream in order and never two chunks at once
    /// (<see cref="ObserverLanes{T}"/> runs them on several threads). From now on each detection keeps the alerts it
    /// raises to itself until <see cref="Flush"/>. Use these or <see cref="Write"/>, not both.
    /// </summary>
    public IReadOnlyList<Action<List<AuditEvent>>> ChunkObservers()
    {
        foreach (var slot in _slots) slot.Hold();
        return [.. _slots.Select(s => (Action<List<AuditEvent>>)s.Observe)];
    }

    /// <summary>Counts events given to <see cref="ChunkObservers"/> (which see them on other threads).</summary>
    public void CountObserved(long events) => Events += events;

    /// <summary>Ends the input: stateful detections raise what is pending, and held alerts are taken. Call once.</summary>
    public void Flush()
    {
        foreach (var slot in _slots) slot.Flush();
        // Accepting an alert asks for its id (a hash of its evidence), one alert after another; the held alerts' ids are
        // made first, on the machine's cores (a 10x bench hunt holds 173,000 alerts here).
        var held = _slots.SelectMany(s => s.Held ?? []).ToArray();
        Parallel.For(0, held.Length, i => _ = held[i].Id);
        foreach (var slot in _slots) slot.ReleaseHeld();
    }

    private void Accept(Alert alert)
    {
        if (!_alertIds.Add(alert.Id)) return;
        _alerts.Add(alert);
        OnAlert?.Invoke(alert);
    }

    /// <summary>One detection with its errors, and its alerts while it runs off the runner's thread.</summary>
    private sealed class Slot(IDetection detection, DetectionRunner runner) : IAlertSink
    {
        private List<Alert>? _held;

        public DetectionError? Error { get; private set; }

        public void Hold() => _held ??= [];

        /// <summary>The alerts kept until <see cref="ReleaseHeld"/>; null when the slot does not hold them.</summary>
        public List<Alert>? Held => _held;

        public void Observe(List<AuditEvent> chunk)
        {
            foreach (var evt in chunk) Observe(evt);
        }

        public void Observe(AuditEvent evt)
        {
            try
            {
                detection.Observe(evt, this);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Record(ex, evt.RecordId);
            }
        }

        public void Flush()
        {
            try
            {
                detection.Flush(this);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Record(ex, null);
            }
        }

        public void Raise(Alert alert)
        {
            if (_held is not null) _held.Add(alert);
            else runner.Accept(alert);
        }

        public void ReleaseHeld()
        {
            if (_held is null) return;
            foreach (var alert in _held) runner.Accept(alert);
            _held.Clear();
        }

        private void Record(Exception ex, string? recordId)
        {
            if (Error is not null) Error.Count++;
            else Error = new DetectionError(detection.Name, $"{ex.GetType().Name}: {ex.Message}", recordId) { Count = 1 };
        }
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
