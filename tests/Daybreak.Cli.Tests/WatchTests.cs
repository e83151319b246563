using System.Text.Json;

namespace Daybreak.Tests;

public sealed class WatchTests
{
    [Fact]
    public async Task Watch_reads_files_as_they_arrive_and_stores_what_a_bulk_hunt_stores()
    {
        using var dir = new TempDir();
        var logs = Directory.CreateDirectory(dir.File("logs")).FullName;
        var samples = Path.Combine(Corpus.RepoRoot, "samples");
        var watchDb = dir.File("watch.duckdb");

        var writer = Task.Run(async () =>
        {
            // Files appear one by one; the NDJSON one grows line by line.
            foreach (var file in Directory.EnumerateFiles(samples, "*", SearchOption.AllDirectories).Order())
            {
                var target = Path.Combine(logs, Path.GetFileName(file));
                if (file.EndsWith("graphactivity-diagnostic.json", StringComparison.Ordinal) || !file.EndsWith(".json", StringComparison.Ordinal))
                {
                    File.Copy(file, target);
                }
                else
                {
                    foreach (var chunk in File.ReadAllText(file).Split('\n').Chunk(3))
                    {
                        await File.AppendAllTextAsync(target, string.Join('\n', chunk) + (chunk.Length == 3 ? "\n" : ""));
                        await Task.Delay(60);
                    }
                }
                await Task.Delay(100);
            }
        });

        var watch = await Task.Run(() => Cli.Run("watch", logs, "--db", watchDb, "--until-idle", "2", "--poll-ms", "50", "--json"));
        await writer;
        Assert.Equal(0, watch.ExitCode);
        var final = JsonDocument.Parse(watch.Out.Trim().Split('\n')[^1]);
        Assert.Equal(39, final.RootElement.GetProperty("input").GetProperty("accepted").GetInt32());
        Assert.Equal(0, final.RootElement.GetProperty("input").GetProperty("rejected").GetInt32());

        var bulkDb = dir.File("bulk.duckdb");
        var bulk = JsonDocument.Parse(Cli.Run("hunt", samples, "--db", bulkDb, "--json").Out);
        string Ids(string db) => Cli.Run("query", "SELECT string_agg(record_id, ',' ORDER BY record_id) FROM events", "--db", db, "--csv").Out;
        Assert.Equal(Ids(bulkDb), Ids(watchDb));
        Assert.Equal(
            bulk.RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()).Order(),
            final.RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()).Order());
    }
}
