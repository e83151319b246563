namespace Daybreak.Bench;

/// <summary>
/// The managed heap's size over a phase, sampled every 20 ms: the most memory the collector had committed, and the
/// largest heap a collection left (live objects plus the fragmentation it kept). Against the process's peak RSS this
/// says how much of the peak is the heap's slack, how much live objects, and how much is outside the heap.
/// </summary>
internal sealed class GcMemory : IDisposable
{
    private readonly object _gate = new();
    private readonly Timer _timer;
    private long _maxCommitted, _maxHeapAfterGc, _maxFragmented;

    public GcMemory() => _timer = new Timer(_ => Sample(), null, 0, 20);

    private void Sample()
    {
        var info = GC.GetGCMemoryInfo();
        lock (_gate)
        {
            _maxCommitted = Math.Max(_maxCommitted, info.TotalCommittedBytes);
            _maxHeapAfterGc = Math.Max(_maxHeapAfterGc, info.HeapSizeBytes);
            _maxFragmented = Math.Max(_maxFragmented, info.FragmentedBytes);
        }
    }

    public string Summary()
    {
        Sample();
        lock (_gate)
            return $"committed at most {_maxCommitted / 1048576} MB; heap after a collection at most {_maxHeapAfterGc / 1048576} MB " +
                   $"(fragmentation at most {_maxFragmented / 1048576} MB)";
    }

    public void Dispose() => _timer.Dispose();
}
