using Daybreak.Correlation;
using Daybreak.Detection;
using Daybreak.Events;
using Daybreak.Pipeline;
using Daybreak.Scoping;

namespace Daybreak.Tests.Pipeline;

/// <summary>
/// A bulk hunt runs its detections as observers on several threads (<see cref="ObserverLanes{T}"/>): each must still
/// see every chunk in order and alone, the stream must wait for the slowest, failures must reach the caller, and the
/// hunt's result must be the one-event-at-a-time result.
/// </summary>
public sealed class ObserverLanesTests
{
    /// <summary>Records what it saw, and fails the test's assertions if two threads ever ran it at once.</summary>
    private sealed class Recorder(int delayEvery = 0)
    {
        private int _running;
        public readonly List<int> Seen = [];
        public int Overlaps;
        public readonly HashSet<int> Threads = [];

        public void Observe(List<int> chunk)
        {
            if (Interlocked.Exchange(ref _running, 1) == 1) Interlocked.Increment(ref Overlaps);
            lock (Threads) Threads.Add(Environment.CurrentManagedThreadId);
            if (delayEvery > 0 && chunk[0] % delayEvery == 0) Thread.Sleep(1);
            Seen.AddRange(chunk);
            Volatile.Write(ref _running, 0);
        }
    }

    private static List<List<int>> Chunks(int count, int size) =>
        [.. Enumerable.Range(0, count).Chunk(size).Select(c => c.ToList())];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Every_observer_sees_every_chunk_in_order_and_never_twice_at_once(int threads)
    {
        var recorders = new[] { new Recorder(), new Recorder(delayEvery: 70), new Recorder(), new Recorder(delayEvery: 350) };
        using (var lanes = new ObserverLanes<int>([.. recorders.Select(r => (Action<List<int>>)r.Observe)], threads, chunksAhead: 3))
        {
            foreach (var chunk in Chunks(7_000, 10)) lanes.Post(chunk);
            lanes.Complete();
        }
        foreach (var r in recorders)
        {
            Assert.Equal(Enumerable.Range(0, 7_000), r.Seen);
            Assert.Equal(0, r.Overlaps);
        }
        // With more than one thread, observers are not pinned: over 700 chunks some observer moves between threads.
        if (threads > 1) Assert.Contains(recorders, r => r.Threads.Count > 1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Each_chunk_is_handed_on_once_after_every_observer_saw_it(int threads)
    {
        var recorders = new[] { new Recorder(), new Recorder(delayEvery: 70), new Recorder(delayEvery: 350) };
        var handedOn = new List<int>();
        var early = 0;
        void SeenByAll(List<int> chunk)
        {
            foreach (var r in recorders)
            {
                // Seen is written by the recorder's own lane: read it under the same order the lanes give.
                lock (r.Seen) if (r.Seen.Count < chunk[^1] + 1) Interlocked.Increment(ref early);
            }
            lock (handedOn) handedOn.AddRange(chunk);
        }
        var observers = recorders.Select(r => (Action<List<int>>)(chunk => { lock (r.Seen) r.Observe(chunk); })).ToList();
        using (var lanes = new ObserverLanes<int>(observers, threads, chunksAhead: 3, seenByAll: SeenByAll))
        {
            foreach (var chunk in Chunks(7_000, 10)) lanes.Post(chunk);
            lanes.Complete();
            // Complete returns after the last chunk was handed on.
            lock (handedOn) Assert.Equal(Enumerable.Range(0, 7_000), handedOn.Order());
        }
        Assert.Equal(0, early);
    }

    [Fact]
    public void The_stream_waits_for_the_slowest_observer()
    {
        var released = new ManualResetEventSlim();
        var slowSeen = 0;
        void Slow(List<int> chunk)
        {
            released.Wait();
            Interlocked.Increment(ref slowSeen);
        }
        using var lanes = new ObserverLanes<int>([Slow, _ => { }], threads: 2, chunksAhead: 2);
        try
        {
            PostWhileOneObserverIsHeld(lanes, released);
            lanes.Complete();
            Assert.Equal(50, slowSeen);
        }
        finally
        {
            released.Set(); // a failed assertion must not leave the observer's thread waiting
        }
    }

    private static void PostWhileOneObserverIsHeld(ObserverLanes<int> lanes, ManualResetEventSlim released)
    {
        var posted = 0;
        var poster = new Thread(() =>
        {
            foreach (var chunk in Chunks(50, 1))
            {
                lanes.Post(chunk);
                Interlocked.Increment(ref posted);
            }
        });
        poster.Start();
        // The slow observer holds its first chunk: the stream may run only two chunks ahead of it.
        Assert.False(poster.Join(300));
        Assert.Equal(2, Volatile.Read(ref posted));
        released.Set();
        Assert.True(poster.Join(10_000));
    }

    [Fact]
    public void A_failing_observer_stops_the_run_and_its_error_reaches_the_caller()
    {
        var other = new Recorder();
        using var lanes = new ObserverLanes<int>([c => { if (c[0] == 40) throw new InvalidDataException("bad chunk 40"); }, other.Observe], threads: 2);
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var chunk in Chunks(1_000, 10)) lanes.Post(chunk);
            lanes.Complete();
        });
        Assert.Equal("bad chunk 40", error.Message);
    }

    [Fact]
    public void No_observers_complete_at_once()
    {
        using var lanes = new ObserverLanes<int>([], threads: 2);
        lanes.Post([1, 2, 3]);
        lanes.Complete();
        Assert.Throws<InvalidOperationException>(() => lanes.Post([4]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_bulk_hunt_on_lanes_gives_what_one_event_at_a_time_gives(int threads)
    {
        var t0 = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var random = new Random(11);
        var events = Enumerable.Range(0, 3_000).Select(i => new AuditEvent
        {
            RecordId = $"audit:{i:D5}",
            Format = "test",
            Raw = "{}",
            Time = t0.AddSeconds(i * 5),
            Actor = { Upn = "user" + random.Next(6) },
            Network = { Ip = "10.0.0." + random.Next(3) },
        }).ToList();
        static IDetection[] Detections() =>
            [new Streak("by-user", e => e.Actor.Upn!, 3), new Streak("by-ip", e => e.Network.Ip!, 5), new Streak("all", _ => "", 40), new Failing()];

        var sequential = new HuntAnalysis(Detections(), new NoIncidents(), new CountingScope()).Start();
        foreach (var e in events) sequential.Observe(e);
        var expected = sequential.Complete();
        var scope = new CountingScope();
        var actual = new HuntAnalysis(Detections(), new NoIncidents(), scope) { Threads = threads, ReleaseRaw = true }.Run(events);

        Assert.True(expected.Alerts.Count > 100);
        Assert.Equal(expected.Alerts.Select(a => (a.Id, a.Rule, a.Time)), actual.Alerts.Select(a => (a.Id, a.Rule, a.Time)));
        Assert.Equal(3_000, actual.Events);
        Assert.Equal(3_000, scope.Seen);
        // Every raw record was released once all had seen it.
        Assert.All(events, e => Assert.Equal("", e.Raw));
        var error = Assert.Single(actual.DetectionErrors);
        Assert.Equal(("test.failing", 300L, "audit:00009"), (error.Detection, error.Count, error.FirstRecordId));
    }

    /// <summary>Order-sensitive: an alert for every <c>length</c> consecutive events of one key.</summary>
    private sealed class Streak(string name, Func<AuditEvent, string> key, int length) : IDetection
    {
        private readonly Dictionary<string, List<string>> _runs = [];

        public string Name => "test." + name;

        public void Observe(AuditEvent evt, IAlertSink alerts)
        {
            var run = _runs.TryGetValue(key(evt), out var r) ? r : _runs[key(evt)] = [];
            run.Add(evt.RecordId);
            if (run.Count < length) return;
            alerts.Raise(new Alert { Rule = Name, Title = name, Time = evt.Time, Evidence = [.. run] });
            run.Clear();
        }

        public void Flush(IAlertSink alerts)
        {
            foreach (var (k, run) in _runs.Where(kv => kv.Value.Count > 0).OrderBy(kv => kv.Key, StringComparer.Ordinal))
                alerts.Raise(new Alert { Rule = Name, Title = name + " (end)", Time = DateTime.UnixEpoch, Evidence = [.. run] });
        }
    }

    private sealed class Failing : IDetection
    {
        private int _seen;

        public string Name => "test.failing";

        public void Observe(AuditEvent evt, IAlertSink alerts)
        {
            if (++_seen % 10 == 0) throw new InvalidOperationException("every tenth event");
        }

        public void Flush(IAlertSink alerts) { }
    }

    private sealed class NoIncidents : IIncidentCorrelator
    {
        public CorrelationResult Correlate(IReadOnlyList<Alert> alerts) => new([], []);
    }

    private sealed class CountingScope : IBlastRadiusScoper
    {
        public int Seen;

        public void Observe(AuditEvent evt) => Seen++;

        public BlastRadius Scope(Incident incident) => new();
    }
}
