using Daybreak.Events;

namespace Daybreak.Pipeline;

/// <summary>
/// Turns a stream whose events arrive out of order (several files, several sources, each with its own delay) into
/// event-time order, as long as no event is later than <see cref="Lateness"/> behind the newest event seen. Events
/// are released in (time, record id) order, the same order the bulk hunt reads from the store, so streaming and bulk
/// runs feed detections identically. Memory is bounded by the events inside the lateness window.
/// </summary>
public sealed class ReorderBuffer(TimeSpan lateness)
{
    private readonly PriorityQueue<AuditEvent, (DateTime, string)> _queue = new(Comparer<(DateTime Time, string Id)>.Create(
        (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : string.CompareOrdinal(a.Id, b.Id)));
    private DateTime _newest = DateTime.MinValue;
    private DateTime _released = DateTime.MinValue;

    public TimeSpan Lateness { get; } = lateness >= TimeSpan.Zero ? lateness : throw new ArgumentOutOfRangeException(nameof(lateness));

    /// <summary>Events that arrived after events later than them had already been released: too late to be ordered.</summary>
    public long TooLate { get; private set; }

    public int Pending => _queue.Count;

    /// <summary>Adds an event and returns those now safe to release, in order.</summary>
    public IReadOnlyList<AuditEvent> Push(AuditEvent evt)
    {
        if (evt.Time < _released) TooLate++;
        _queue.Enqueue(evt, (evt.Time, evt.RecordId));
        if (evt.Time > _newest) _newest = evt.Time;
        return Release(EventTimes.Minus(_newest, Lateness));
    }

    /// <summary>End of input: releases everything.</summary>
    public IReadOnlyList<AuditEvent> Drain() => Release(DateTime.MaxValue);

    private List<AuditEvent> Release(DateTime watermark)
    {
        var released = new List<AuditEvent>();
        while (_queue.TryPeek(out var evt, out var key) && key.Item1 <= watermark)
        {
            _queue.Dequeue();
            _released = key.Item1;
            released.Add(evt);
        }
        return released;
    }
}
