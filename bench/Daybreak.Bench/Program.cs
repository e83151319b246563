using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Daybreak.Bench;

// Usage:
//   dotnet run -c Release --project bench/Daybreak.Bench -- [--scales 1,10] [--runs 3] [--data bench/data] [--report docs/performance.md]
//       [--inputs signins,ual] [--phases parse,decode,ingest,duckdb,jq,hunt,hunt-cloud,hunt-all]
//   (internal) ... phase NAME FILE WORKDIR   (NAME also hunt-profile, hunt-cloud-profile, sigma-fields, watch-latency,
//       and case-read / case-read-raw, where FILE is a case .duckdb: reading it back as `hunt --db` does)
if (args.Length >= 4 && args[0] == "phase")
{
    var result = Phases.Run(args[1], args[2], args[3]);
    Console.WriteLine(JsonSerializer.Serialize(result));
    return 0;
}

var scales = Option("--scales", "1,10").Split(',').Select(int.Parse).ToArray();
var runs = int.Parse(Option("--runs", "3"), CultureInfo.InvariantCulture);
var dataDir = Path.GetFullPath(Option("--data", "bench/data"));
var report = Option("--report", "");
var inputs = Option("--inputs", "signins,ual").Split(',');
var only = Option("--phases", "").Split(',', StringSplitOptions.RemoveEmptyEntries);
Directory.CreateDirectory(dataDir);

var loadBefore = File.ReadAllText("/proc/loadavg").Trim();
var rows = new List<Row>();
foreach (var scale in scales)
{
    foreach (var input in inputs)
    {
        var file = input switch
        {
            "signins" => BenchData.SignIns(dataDir, scale),
            "ual" => BenchData.Ual(dataDir, scale),
            _ => throw new ArgumentException("unknown input " + input + " (signins, ual)"),
        };
        // jq runs one selective query per file; DuckDB's own load is the ingest yardstick for both files.
        var phases = Phases.InProcess.Append("jq").Concat(HuntPhases.Names).Where(p => only.Length == 0 || only.Contains(p)).ToList();
        // Rounds, each running every phase once: this machine's speed drifts by a third within minutes, and a phase's
        // runs back to back would meet one stretch of it while the phase it is compared with met another.
        var results = phases.ToDictionary(p => p, _ => new List<PhaseResult>());
        for (var round = 1; round <= runs; round++)
        {
            foreach (var phase in phases)
            {
                var result = phase == "jq" ? Jq(file, input) : Child(phase, file, dataDir);
                results[phase].Add(result);
                Console.Error.WriteLine($"{input} {scale}x {phase,-10} round {round}/{runs} {result.Seconds,8:F2} s");
            }
        }
        foreach (var phase in phases)
        {
            var sorted = results[phase].OrderBy(r => r.Seconds).ToList();
            var median = sorted[sorted.Count / 2];
            rows.Add(new Row(input, scale, phase, median, sorted[0].Seconds, sorted[^1].Seconds));
            Console.Error.WriteLine($"{input} {scale}x {phase,-10} {median.Seconds,8:F2} s  {median.Bytes / median.Seconds / 1e6,8:F1} MB/s  {median.Records,10:N0} rec  peak {median.PeakRss / 1e6,7:F0} MB");
        }
    }
}

var md = Render(rows, runs)
    + $"\nMachine: {Environment.ProcessorCount} cores; /proc/loadavg at start `{loadBefore}`, at end `{File.ReadAllText("/proc/loadavg").Trim()}`.\n";
Console.WriteLine(md);
if (report.Length > 0) File.WriteAllText(report, md);
return 0;

string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static PhaseResult Child(string phase, string file, string workDir)
{
    var psi = new ProcessStartInfo("dotnet", [typeof(Phases).Assembly.Location, "phase", phase, file, workDir]) { RedirectStandardOutput = true };
    using var p = Process.Start(psi)!;
    var output = p.StandardOutput.ReadToEnd();
    p.WaitForExit();
    if (p.ExitCode != 0) throw new InvalidOperationException($"phase {phase} failed ({p.ExitCode})");
    return JsonSerializer.Deserialize<PhaseResult>(output.Trim().Split('\n')[^1])!;
}

static PhaseResult Jq(string file, string input)
{
    // A filter that reads one nested field of every record, as a hunt query would: failed passwords in sign-ins,
    // Sync (whole-folder) reads in the UAL.
    var filter = input == "signins"
        ? "select(.properties.status.errorCode==50126)"
        : "select(.OperationProperties[]? | .Name==\"MailAccessType\" and .Value==\"Sync\")";
    var psi = new ProcessStartInfo("/usr/bin/time", ["-f", "%M", "jq", "-c", filter, file])
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    var sw = Stopwatch.StartNew();
    using var p = Process.Start(psi)!;
    long lines = 0;
    while (p.StandardOutput.ReadLine() is not null) lines++;
    var err = p.StandardError.ReadToEnd();
    p.WaitForExit();
    sw.Stop();
    var rssKb = long.TryParse(err.Trim().Split('\n')[^1], out var kb) ? kb : 0;
    return new PhaseResult("jq", sw.Elapsed.TotalSeconds, lines, new FileInfo(file).Length, rssKb * 1024);
}

static string Render(List<Row> rows, int runs)
{
    var sb = new StringBuilder();
    sb.AppendLine($"| input | scale | phase | median s | range s | MB/s | records | peak RSS MB | vs parse-only | vs DuckDB read_ndjson | vs jq |");
    sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
    foreach (var group in rows.GroupBy(r => (r.Input, r.Scale)))
    {
        double Rate(string phase) => group.FirstOrDefault(r => r.Phase == phase)?.Median is { } m ? m.Bytes / m.Seconds : double.NaN;
        foreach (var (input, scale, phase, m, fastest, slowest) in group)
        {
            var rate = m.Bytes / m.Seconds;
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {input} | {scale}x | {phase} | {m.Seconds:F2} | {fastest:F2}–{slowest:F2} | {rate / 1e6:F1} | {m.Records:N0} | {m.PeakRss / 1e6:F0} | {Ratio(rate, Rate("parse"))} | {Ratio(rate, Rate("duckdb"))} | {Ratio(rate, Rate("jq"))} |"));
        }
    }
    sb.AppendLine();
    sb.AppendLine($"Medians of {runs} rounds; each round runs every phase once, each in a fresh process, so that the machine's drift " +
        "falls on the phases alike; the range is the fastest and the slowest run. Ratios are of the medians' throughputs (higher is faster).");
    return sb.ToString();

    static string Ratio(double a, double b) => double.IsNaN(b) ? "" : (a / b).ToString("F2", CultureInfo.InvariantCulture);
}

/// <summary>One phase's figures over its rounds: the median run, and the fastest and slowest run's seconds.</summary>
internal sealed record Row(string Input, int Scale, string Phase, PhaseResult Median, double Fastest, double Slowest);
