using System.Text.Json;
using Daybreak.Decoders;
using Daybreak.Sources;
using Daybreak.Tests.Support;

namespace Daybreak.Tests;

/// <summary>Everything the simulator writes, in every format variant, is read by the decoders with zero rejections.</summary>
public sealed class IngestsCleanlyTests(SimulationRun run) : IClassFixture<SimulationRun>
{
    [Fact]
    public void Every_file_of_every_format_decodes_without_rejections_and_truth_ids_are_found()
    {
        var decoder = new FileDecoder(NormaliserRegistry.CreateDefault(), new DecodeOptions());
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var rejections = new List<Rejection>();
        var formats = new HashSet<string>(StringComparer.Ordinal);
        long accepted = 0;
        foreach (var source in InputExpander.Expand([run.Result.LogsDirectory]))
        {
            foreach (var r in decoder.Decode(source))
            {
                if (r.Rejection is not null) { rejections.Add(r.Rejection); continue; }
                accepted++;
                ids.Add(r.Event!.RecordId);
                formats.Add(r.Event.Format);
            }
        }
        Assert.Empty(rejections.Take(5));
        Assert.Equal(run.Result.Files.Sum(f => f.Records), accepted);
        Assert.Superset(new HashSet<string> { "signin.graph", "signin.diagnostic", "signin.loganalytics", "audit.graph", "audit.diagnostic",
            "audit.loganalytics", "ual.api", "ual.purview-csv", "ual.loganalytics", "graphactivity.diagnostic" }, formats);

        using var truth = JsonDocument.Parse(File.ReadAllText(run.Result.TruthPath));
        var missing = truth.RootElement.GetProperty("records").EnumerateArray()
            .Select(r => r.GetProperty("source").GetString() + ":" + r.GetProperty("id").GetString()!.ToLowerInvariant())
            .Where(id => !ids.Contains(id)).ToList();
        Assert.Empty(missing);
    }
}
