using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Daybreak.Decoders;
using Daybreak.Detection.Sigma;
using Daybreak.Rules.Sigma;
using Daybreak.Events;
using Daybreak.Pipeline;
using Daybreak.Sources;
using Daybreak.Storage;
using DuckDB.NET.Data;

namespace Daybreak.Bench;

/// <summary>Each measured phase runs in a fresh child process, so peak RSS belongs to that phase alone.</summary>
internal static class Phases
{
    public static readonly string[] InProcess = ["parse", "decode", "ingest", "duckdb"];

    public static PhaseResult Run(string phase, string file, string workDir)
    {
        using var allocations = AllocTicks.FromEnvironment();
        // DAYBREAK_BENCH_GC=1: the phase's GC pauses by generation, why full collections ran, and the heap's size (stderr).
        using var pauses = Environment.GetEnvironmentVariable("DAYBREAK_BENCH_GC") == "1" ? new GcPauses() : null;
        using var memory = pauses is not null ? new GcMemory() : null;
        var sw = Stopwatch.StartNew();
        long records = phase switch
        {
            "parse" => ParseOnly(file),
            "sigma-fields" => SigmaFields(file),
            "decode" => Decode(file),
            "ingest" => Ingest(file, workDir),
            "duckdb" => DuckDbLoad(file, workDir),
            "hunt" or "hunt-cloud" or "hunt-all" => HuntPhases.Run(phase, file),
            "hunt-profile" or "hunt-cloud-profile" => HuntProfile.Run(phase, file),
            "watch-latency" => WatchLatency.Run(workDir),
            "case-read" or "case-read-raw" => CaseRead(file, withRaw: phase == "case-read-raw"),
            _ => throw new ArgumentException("unknown phase " + phase),
        };
        sw.Stop();
        allocations?.Print();
        if (pauses is not null) Console.Error.WriteLine("GC pauses by generation: " + pauses.Summary());
        if (memory is not null) Console.Error.WriteLine("GC heap: " + memory.Summary());
        return new PhaseResult(phase, sw.Elapsed.TotalSeconds, records, File.Exists(file) ? new FileInfo(file).Length : 0, PeakRssBytes());
    }

    /// <summary>The ceiling: split lines and run Utf8JsonReader over every token, building nothing.</summary>
    private static long ParseOnly(string file) => EachLine(file, line =>
    {
        var reader = new Utf8JsonReader(line.Span);
        var tokens = 0;
        while (reader.Read()) tokens++;
        return tokens > 0;
    });

    /// <summary>
    /// Community Sigma's one reading of each record for its mapping's paths (the sign-in mapping for sign-ins, the UAL's
    /// for UAL records), alone: what the Sigma stage adds to the decoder's own reading, without the contention of a hunt.
    /// </summary>
    private static long SigmaFields(string file)
    {
        var mappings = CommunityMappings.Load(SigmaFolders.Find(SigmaFolders.Mappings) ?? throw new InvalidOperationException("mappings/ not found"));
        var plan = mappings.ForSource(file.Contains("ual", StringComparison.OrdinalIgnoreCase) ? SourceKind.Ual : SourceKind.SignIn)!.Plan;
        var capture = new JsonFieldCapture();
        return EachLine(file, line =>
        {
            capture.Run(plan, line);
            return capture.TryGet(0, out _) != JsonFieldCapture.Result.Unsure;
        });
    }

    private delegate bool LineAction(ReadOnlyMemory<byte> line);

    /// <summary>Runs <paramref name="action"/> on every line of <paramref name="file"/>; the records, or 0 when no line
    /// gave true (so that nothing is measured that did no work).</summary>
    private static long EachLine(string file, LineAction action)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(4 << 20);
        int start = 0, end = 0;
        long records = 0, worked = 0;
        while (true)
        {
            var n = stream.Read(buffer, end, buffer.Length - end);
            end += n;
            while (true)
            {
                var nl = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (nl < 0) break;
                if (action(buffer.AsMemory(start, nl))) worked++;
                records++;
                start += nl + 1;
            }
            if (n == 0) break;
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }
        ArrayPool<byte>.Shared.Return(buffer);
        return worked > 0 ? records : 0;
    }

    private static long Decode(string file)
    {
        // As a consumer does: raw records read into an arena, each released once the consumer is done with the event.
        var decoder = new FileDecoder(NormaliserRegistry.CreateDefault(), new DecodeOptions { RawArena = new RawArena() });
        long accepted = 0, rejected = 0;
        foreach (var r in decoder.Decode(new InputSource(file)))
        {
            if (r.Event is { } evt)
            {
                accepted++;
                evt.ReleaseRaw();
            }
            else rejected++;
        }
        if (rejected > 0) throw new InvalidOperationException($"{rejected} records rejected: the benchmark data must decode cleanly");
        return accepted;
    }

    private static long Ingest(string file, string workDir)
    {
        var db = Path.Combine(workDir, "bench-ingest.duckdb");
        File.Delete(db);
        File.Delete(db + ".wal");
        using var store = CaseStore.Open(db);
        // As the CLI ingests: raw records in an arena, released by the writer once appended.
        using var writer = new EventWriter(store, lanes: EventWriter.BulkLanes, releaseRaw: true);
        var pipeline = new IngestPipeline(new FileDecoder(NormaliserRegistry.CreateDefault(), new DecodeOptions { RawArena = new RawArena() }), [writer]);
        var summary = pipeline.Run([new InputSource(file)]);
        return summary.Accepted;
    }

    /// <summary>
    /// Reads a case (FILE is its .duckdb) back in event order as <c>daybreak hunt --db</c> does, with raw records (as
    /// when community Sigma rules are loaded) or without, each released at once: the reader's own cost, without the
    /// detections.
    /// </summary>
    private static long CaseRead(string file, bool withRaw)
    {
        using var store = CaseStore.Open(file);
        var arena = withRaw ? new RawArena() : null;
        long events = 0, bytes = 0;
        foreach (var evt in EventReader.ReadOrdered(store, arena: arena, withRaw: withRaw))
        {
            events++;
            bytes += evt.RawUtf8().Length;
            evt.ReleaseRaw();
        }
        Console.Error.WriteLine($"{events:N0} events, {bytes / 1e6:N0} MB of raw records");
        return withRaw && bytes == 0 ? 0 : events;
    }

    private static long DuckDbLoad(string file, string workDir)
    {
        var db = Path.Combine(workDir, "bench-duckdb.duckdb");
        File.Delete(db);
        File.Delete(db + ".wal");
        using var connection = new DuckDBConnection("Data Source=" + db);
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"CREATE TABLE t AS SELECT * FROM read_ndjson('{file.Replace("'", "''")}'); SELECT count(*) FROM t;";
        return Convert.ToInt64(cmd.ExecuteScalar());
    }

    private static long PeakRssBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        return 0;
    }
}

internal sealed record PhaseResult(string Phase, double Seconds, long Records, long Bytes, long PeakRss);
