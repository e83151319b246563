using Daybreak.Correlation;
using Daybreak.Detection;
using Daybreak.Events;
using Daybreak.Pipeline;
using Daybreak.Scoping;
using Daybreak.Sources;

namespace Daybreak.Tests.Pipeline;

public sealed class StreamingTests
{
    private static readonly DateTime T0 = new(2024, 1, 10, 0, 0, 0, DateTimeKind.Utc);

    private static AuditEvent Evt(int i, int seconds, string actor) => new()
    {
        RecordId = $"audit:{i:D4}",
        Format = "test",
        Raw = "{}",
        Time = T0.AddSeconds(seconds),
        Actor = { Upn = actor },
    };

    [Fact]
    public void Events_out_of_order_within_the_lateness_come_out_in_order()
    {
        var buffer = new ReorderBuffer(TimeSpan.FromSeconds(60));
        var released = new List<AuditEvent>();
        foreach (var s in new[] { 10, 5, 30, 20, 75, 40, 200, 150 }) released.AddRange(buffer.Push(Evt(s, s, "a")));
        released.AddRange(buffer.Drain());
        Assert.Equal([5, 10, 20, 30, 40, 75, 150, 200], released.Select(e => (int)(e.Time - T0).TotalSeconds));
        Assert.Equal(0, buffer.TooLate);

        var late = new ReorderBuffer(TimeSpan.FromSeconds(10));
        late.Push(Evt(1, 100, "a"));
        late.Push(Evt(2, 200, "a"));   // releases 100
        late.Push(Evt(3, 50, "a"));    // older than something already released
        Assert.Equal(1, late.TooLate);
    }

    [Fact]
    public void Streaming_with_disorder_inside_the_lateness_gives_the_alerts_of_the_bulk_run()
    {
        var random = new Random(3);
        var events = Enumerable.Range(0, 400).Select(i => Evt(i, i * 7 + random.Next(0, 5), "user" + random.Next(4))).ToList();
        var ordered = events.OrderBy(e => e.Time).ThenBy(e => e.RecordId, StringComparer.Ordinal).ToList();

        var bulk = Analysis().Run(ordered);

        // Arrival order: shuffled in blocks, so no event is more than ~2 minutes (event time) late.
        var arrival = events.Chunk(15).SelectMany(block => block.OrderBy(_ => random.Next())).ToList();
        var streamed = new List<string>();
        var session = Analysis().Start(a => streamed.Add(a.Id));
        var reorder = new ReorderBuffer(TimeSpan.FromMinutes(5));
        foreach (var e in arrival) foreach (var r in reorder.Push(e)) session.Observe(r);
        foreach (var r in reorder.Drain()) session.Observe(r);
        var result = session.Complete();

        Assert.NotEmpty(bulk.Alerts);
        Assert.Equal(bulk.Alerts.Select(a => a.Id), result.Alerts.Select(a => a.Id));
        Assert.Equal(bulk.Alerts.Select(a => a.Id).Order(), streamed.Order());
        Assert.Equal(0, reorder.TooLate);
    }

    [Fact]
    public void Follower_reads_completed_lines_as_they_are_written_and_other_files_once_stable()
    {
        using var dir = new TempDir();
        var nd = dir.File("live.json");
        File.WriteAllText(nd, "{\"a\":1}\n{\"a\":2}\n{\"a\":");
        var doc = dir.Write("page.json", "{\n \"value\": []\n}");
        var follower = new FileFollower(dir.Path, stablePolls: 1);

        var first = follower.Poll();
        var live = Assert.Single(first, c => c.Path == nd);
        Assert.Equal((0L, 16L, 0L), (live.Start, live.End, live.FirstLine));
        Assert.True(follower.Changed);
        Assert.DoesNotContain(first, c => c.Path == doc); // not yet known to be stable

        File.AppendAllText(nd, "3}\n{\"a\":4}\n");
        var second = follower.Poll();
        var more = Assert.Single(second, c => c.Path == nd);
        Assert.Equal((16L, 2L), (more.Start, more.FirstLine));
        Assert.Equal(new FileInfo(nd).Length, more.End);
        Assert.Single(second, c => c.Path == doc);
        Assert.Empty(follower.Poll());
    }

    private static HuntAnalysis Analysis() => new([new BurstDetection()], new NoIncidents(), new NoScope());

    /// <summary>Order-sensitive on purpose: three events of one actor within a minute, counted in arrival order.</summary>
    private sealed class BurstDetection : IDetection
    {
        private readonly Dictionary<string, List<AuditEvent>> _recent = [];

        public string Name => "test.burst";

        public void Observe(AuditEvent evt, IAlertSink alerts)
        {
            var list = _recent.TryGetValue(evt.Actor.Upn!, out var l) ? l : _recent[evt.Actor.Upn!] = [];
            list.RemoveAll(e => evt.Time - e.Time > TimeSpan.FromMinutes(1));
            list.Add(evt);
            if (list.Count < 3) return;
            alerts.Raise(new Alert { Rule = Name, Title = "burst", Time = evt.Time, Evidence = list.Select(e => e.RecordId).ToList() });
            list.Clear();
        }

        public void Flush(IAlertSink alerts) { }
    }

    private sealed class NoIncidents : IIncidentCorrelator
    {
        public CorrelationResult Correlate(IReadOnlyList<Alert> alerts) => new([], []);
    }

    private sealed class NoScope : IBlastRadiusScoper
    {
        public void Observe(AuditEvent evt) { }

        public BlastRadius Scope(Incident incident) => new();
    }
}
