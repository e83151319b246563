using System.Diagnostics.Tracing;

namespace Daybreak.Bench;

/// <summary>
/// Allocation by type, sampled by the runtime (an allocation tick every ~100 KB, naming the type that crossed it): with
/// DAYBREAK_BENCH_ALLOCATIONS=1 a phase prints the types that took the most, in MB (the amounts the ticks report). Cheap enough to
/// leave the phase's time about as it was; which objects a decoder makes per record is what its time follows.
/// DAYBREAK_BENCH_ALLOCATIONS=end counts only from <see cref="StartingEnd"/> on: what the hunt profile's end (correlation
/// and scoping) allocates.
/// </summary>
internal sealed class AllocTicks : EventListener
{
    private const int AllocationTick = 10;
    private readonly Dictionary<string, long> _byType = [];

    private static AllocTicks? s_current;
    private volatile bool _counting;

    public static AllocTicks? FromEnvironment() => Environment.GetEnvironmentVariable("DAYBREAK_BENCH_ALLOCATIONS") switch
    {
        "1" => s_current = new AllocTicks { _counting = true },
        "end" => s_current = new AllocTicks(),
        _ => null,
    };

    /// <summary>Called where a hunt's end begins: an "end" listing starts counting here.</summary>
    public static void StartingEnd()
    {
        if (s_current is { } current) current._counting = true;
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        // GC keyword (0x1) at verbose level carries the allocation ticks.
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventId != AllocationTick || e.PayloadNames is null || !_counting) return;
        var name = e.Payload![e.PayloadNames.IndexOf("TypeName")]?.ToString() ?? "?";
        // AllocationKind 1: the large object heap, whose budget (not the young generation's) starts full collections.
        if (Convert.ToInt32(e.Payload![e.PayloadNames.IndexOf("AllocationKind")]) == 1) name = "(large object heap) " + name;
        // The amount since the last tick of its kind: ~100 KB for small objects, the whole array for a large one (counting
        // ticks undercounted a large object heap that grows by doubling tables as a tenth of it).
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var at and >= 0 ? Convert.ToInt64(e.Payload![at]) : 100 * 1024;
        lock (_byType) _byType[name] = _byType.GetValueOrDefault(name) + amount;
    }

    public void Print(int top = 25)
    {
        lock (_byType)
        {
            // The large object heap's few allocations are listed whatever their size: each counts towards a full collection.
            foreach (var (type, bytes) in _byType.OrderByDescending(kv => kv.Value).Where((kv, i) => i < top || kv.Key.StartsWith('(')))
                Console.Error.WriteLine($"{bytes / (1024 * 1024),8} MB {type}");
        }
    }
}
