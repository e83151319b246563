using System.Diagnostics.Tracing;

namespace Daybreak.Bench;

/// <summary>
/// GC pauses by the generation collected, from the runtime's own events: which kind of collection the pause time of a
/// hunt goes to (many short ephemeral ones, or a few full ones over the detections' live state).
/// </summary>
internal sealed class GcPauses : EventListener
{
    private const int GcStart = 1, SuspendEeBegin = 9, RestartEeEnd = 3;
    private readonly object _gate = new();
    private readonly double[] _pausedMs = new double[3];
    private readonly int[] _count = new int[3];
    private readonly int[] _background = new int[3];
    private readonly Dictionary<string, int> _fullReasons = [];
    private int _generation;

    // GCStart's Reason field, as the runtime's event manifest names its values.
    private static readonly string[] Reasons =
    [
        "small allocation", "induced", "low memory", "empty", "large allocation", "out of space (SOH)",
        "out of space (LOH)", "induced, not forced", "internal", "induced, low memory", "induced, compacting",
        "low memory (host)", "provisional mode", "low memory (host, blocking)",
    ];
    private DateTime _suspended;

    protected override void OnEventSourceCreated(EventSource source)
    {
        // GC keyword (0x1), informational: GCStart, suspend and restart events.
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Informational, (EventKeywords)0x1);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        lock (_gate)
        {
            switch (e.EventId)
            {
                case GcStart:
                    _generation = Math.Min(2, Convert.ToInt32(e.Payload![1]));
                    _count[_generation]++;
                    if (_generation == 2)
                    {
                        var reason = Convert.ToInt32(e.Payload![2]);
                        var name = reason >= 0 && reason < Reasons.Length ? Reasons[reason] : "reason " + reason;
                        _fullReasons[name] = _fullReasons.GetValueOrDefault(name) + 1;
                    }
                    // Type 1: a background collection, which runs beside the program and pauses it only briefly.
                    if (Convert.ToInt32(e.Payload![3]) == 1) _background[_generation]++;
                    break;
                case SuspendEeBegin:
                    _suspended = e.TimeStamp;
                    break;
                case RestartEeEnd when _suspended != default:
                    _pausedMs[_generation] += (e.TimeStamp - _suspended).TotalMilliseconds;
                    _suspended = default;
                    break;
            }
        }
    }

    public string Summary()
    {
        lock (_gate)
        {
            return string.Join(", ", Enumerable.Range(0, 3).Select(g =>
                $"gen{g} {_count[g]}{(_background[g] > 0 ? $" ({_background[g]} background)" : "")} {_pausedMs[g] / 1000:F2} s"))
                + (_fullReasons.Count > 0 ? "; gen2 because of " + string.Join(", ", _fullReasons.Select(r => $"{r.Key} {r.Value}")) : "");
        }
    }
}
