using System.Text.Json;
using Daybreak.Simulation.Activity;
using Daybreak.Simulation.Organisation;
using Daybreak.Simulation.Records;
using Daybreak.Simulation.Scenarios;
using Daybreak.Simulation.Truth;
using Daybreak.Simulation.Writers;

namespace Daybreak.Simulation;

/// <summary>
/// Simulates a Microsoft 365 tenant and writes its logs in Microsoft's export formats, with labelled attacks and
/// truth.json. Streams day by day in 15-minute slices: memory does not grow with the number of days. The same options
/// always give byte-identical output (seeded xoshiro256**, no wall clock).
/// </summary>
public sealed class TenantSimulator
{
    private readonly SimulationOptions _options;

    public TenantSimulator(SimulationOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _options = options;
    }

    /// <summary>The scenario names <see cref="SimulationOptions.Scenarios"/> accepts.</summary>
    public static IReadOnlyList<string> ScenarioNames => ScenarioCatalog.Names;

    /// <summary>The folder under the output directory that holds the log files.</summary>
    public const string LogsFolder = "logs";

    /// <summary>Simulates into <paramref name="outputDirectory"/> (created if needed): the logs under <c>logs/</c>, and truth.json and
    /// manifest.json beside that folder, so that hunting <c>logs/</c> reads nothing but logs.</summary>
    public SimulationResult Run(string outputDirectory, IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(outputDirectory);
        var o = _options;
        var org = OrganisationBuilder.Build(o.Users, o.Seed);
        var throttles = new ThrottleCalendar();
        var scenarioContext = new ScenarioContext { Org = org, Seed = o.Seed, Start = o.Start, Days = o.Days, Throttles = throttles };
        foreach (var name in o.Scenarios.Distinct(StringComparer.Ordinal))
            ScenarioCatalog.Create(name)?.Plan(scenarioContext);
        var attack = scenarioContext.Records.OrderBy(r => r.Time).ToList();

        var logsDirectory = Path.Combine(outputDirectory, LogsFolder);
        var folder = new OutputFolder(logsDirectory);
        var router = new OutputRouter(folder, o);
        var buffer = new List<SimRecord>(1 << 16);
        var next = 0;
        long written = 0;
        for (var day = 0; day < o.Days; day++)
        {
            for (var slice = 0; slice < SliceContext.SlicesPerDay; slice++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var sliceStart = o.Start.AddDays(day).Add(SliceContext.SliceLength * slice);
                var sliceEnd = sliceStart + SliceContext.SliceLength;
                buffer.Clear();
                var ctx = new SliceContext
                {
                    Org = org, Seed = o.Seed, Day = day, Slice = slice, SliceStart = sliceStart, SimulationStart = o.Start,
                    Rates = ActivityRates.Default, Throttles = throttles, Output = buffer,
                };
                foreach (var user in org.Users) BenignUserActivity.Generate(ctx, user);
                BenignTenantActivity.Generate(ctx);
                while (next < attack.Count && attack[next].Time < sliceEnd) buffer.Add(attack[next++]);
                buffer.Sort(static (a, b) => a.Time.CompareTo(b.Time));
                foreach (var r in buffer) router.Write(r);
                written += buffer.Count;
            }
            router.EndDay();
            progress?.Report(new SimulationProgress(day + 1, o.Days, written));
        }
        router.Close();

        var truthPath = Path.Combine(outputDirectory, "truth.json");
        TruthWriter.Write(truthPath, o, org, scenarioContext);
        var files = folder.Files.Select(f => f.ToPublic()).ToList();
        WriteManifest(Path.Combine(outputDirectory, "manifest.json"), files);
        return new SimulationResult
        {
            OutputDirectory = outputDirectory,
            LogsDirectory = logsDirectory,
            Files = files,
            RecordsBySource = new Dictionary<LogSource, long>(router.Counts),
            MaliciousRecords = scenarioContext.Records.Count(r => r.Label is not null),
            TruthPath = truthPath,
        };
    }

    private static void WriteManifest(string path, IReadOnlyList<OutputFile> files)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("schema", "daybreak.simulation-manifest/1");
        w.WriteStartArray("files");
        foreach (var f in files)
        {
            w.WriteStartObject();
            w.WriteString("path", f.Path.Replace('\\', '/'));
            w.WriteString("source", TruthWriter.SourceName(f.Source));
            w.WriteString("tenant", f.Tenant);
            w.WriteString("format", f.Format);
            w.WriteString("stream", f.Stream);
            w.WriteBoolean("gzip", f.Gzip);
            w.WriteNumber("records", f.Records);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
