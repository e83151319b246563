using System.Diagnostics;
using Daybreak.Correlation;
using Daybreak.Decoders;
using Daybreak.Detection;
using Daybreak.Pipeline;
using Daybreak.Sources;

namespace Daybreak.Bench;

/// <summary>
/// Streaming latency (issue 4): the watch loop's parts (FileFollower polling every 250 ms, decoder, reorder buffer
/// releasing after 500 ms of quiet, the watch defaults, built-in detections) follow a folder while another thread appends sign-in records;
/// for each record that should raise an alert (an app-role grant of full_access_as_app), the time from the write to
/// the alert is measured. Run: `... phase watch-latency - bench/data`.
/// </summary>
internal static class WatchLatency
{
    public static long Run(string workDir)
    {
        var dir = Directory.CreateTempSubdirectory("daybreak-watch-").FullName;
        var file = Path.Combine(dir, "audit.json");
        var written = new Dictionary<string, long>();
        var latencies = new List<double>();
        var session = new HuntAnalysis(HuntPhases.Detections("hunt", out _), IncidentComponents.CreateDefault().Correlator, IncidentComponents.CreateDefault().Scoper)
            .Start(alert =>
            {
                var now = Stopwatch.GetTimestamp();
                foreach (var id in alert.Evidence)
                    lock (written) if (written.Remove(id, out var at)) latencies.Add(Stopwatch.GetElapsedTime(at, now).TotalMilliseconds);
            });
        var follower = new FileFollower(dir);
        var decoder = new FileDecoder(NormaliserRegistry.CreateDefault(), new DecodeOptions());
        var reorder = new ReorderBuffer(TimeSpan.FromMinutes(5));
        const int grants = 10;
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < grants; i++)
            {
                var id = $"Directory_bench{i:D4}";
                var line = $$$"""{"time":"2024-01-10T10:{{{i:D2}}}:00Z","category":"AuditLogs","operationName":"Add app role assignment to service principal","tenantId":"t","resultType":"","properties":{"id":"{{{id}}}","activityDateTime":"2024-01-10T10:{{{i:D2}}}:00Z","activityDisplayName":"Add app role assignment to service principal","category":"ApplicationManagement","result":"success","loggedByService":"Core Directory","initiatedBy":{"app":{"appId":"a3c2f5d8-6b1e-4c7a-9f20-1d4e8b6c2a71","displayName":"LegacyTestApp","servicePrincipalId":"sp-{{{i}}}"}},"targetResources":[{"id":"exo-sp","displayName":"Office 365 Exchange Online","type":"ServicePrincipal","modifiedProperties":[{"displayName":"AppRole.Id","oldValue":null,"newValue":"\"dc890d15-9560-4a4c-9b7f-a736ec74ec40\""},{"displayName":"AppRole.Value","oldValue":null,"newValue":"\"full_access_as_app\""},{"displayName":"ServicePrincipal.ObjectID","oldValue":null,"newValue":"\"sp-{{{i}}}\""}]}]}}""";
                lock (written) written["audit:" + id.ToLowerInvariant()] = Stopwatch.GetTimestamp();
                await File.AppendAllTextAsync(file, line + "\n");
                await Task.Delay(3000);
            }
        });
        var idleSince = Stopwatch.GetTimestamp();
        var released = true;
        while (!writer.IsCompleted || Stopwatch.GetElapsedTime(idleSince).TotalSeconds < 3)
        {
            var chunks = follower.Poll();
            foreach (var chunk in chunks)
                foreach (var r in decoder.Decode(new InputSource(chunk.Path) { Start = chunk.Start, End = chunk.End, LineOffset = chunk.FirstLine }))
                    if (r.Event is not null) foreach (var e in reorder.Push(r.Event)) session.Observe(e);
            if (chunks.Count > 0) { idleSince = Stopwatch.GetTimestamp(); released = false; }
            if (!released && Stopwatch.GetElapsedTime(idleSince).TotalMilliseconds >= 500)
            {
                foreach (var e in reorder.Drain()) session.Observe(e);
                released = true;
            }
            Thread.Sleep(250);
        }
        Directory.Delete(dir, true);
        latencies.Sort();
        Console.Error.WriteLine(latencies.Count == 0
            ? "watch-latency: no alert raised"
            : $"watch-latency: {latencies.Count}/{grants} alerts; write-to-alert median {latencies[latencies.Count / 2]:F0} ms, max {latencies[^1]:F0} ms");
        return latencies.Count;
    }
}
