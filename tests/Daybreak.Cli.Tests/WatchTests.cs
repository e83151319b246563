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
                // The gzipped NDJSON sign-ins arrive as plain NDJSON, growing three lines at a time like the others.
                var ndjson = file.EndsWith(".json.gz", StringComparison.Ordinal);
                if (!ndjson && (file.EndsWith("graphactivity-diagnostic.json", StringComparison.Ordinal) || !file.EndsWith(".json", StringComparison.Ordinal)))
                {
                    File.Copy(file, target);
                }
                else
                {
                    var text = ndjson ? Gunzip(file) : File.ReadAllText(file);
                    if (ndjson) target = target[..^3];
                    foreach (var chunk in text.Split('\n').Chunk(3))
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
        // Files, not the many reads of the ones that grew; and the run's input is on record, as an ingest's is.
        Assert.Equal(Directory.EnumerateFiles(samples, "*", SearchOption.AllDirectories).Count(), final.RootElement.GetProperty("input").GetProperty("files").GetInt32());
        Assert.Equal($"{logs},39,39,0", Cli.Run("query", "SELECT path, records, accepted, rejected FROM inputs", "--db", watchDb, "--csv").Out.Trim().Split('\n')[^1].Trim());

        var bulkDb = dir.File("bulk.duckdb");
        var bulk = JsonDocument.Parse(Cli.Run("hunt", samples, "--db", bulkDb, "--json").Out);
        string Ids(string db) => Cli.Run("query", "SELECT string_agg(record_id, ',' ORDER BY record_id) FROM events", "--db", db, "--csv").Out;
        Assert.Equal(Ids(bulkDb), Ids(watchDb));
        Assert.Equal(
            bulk.RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()).Order(),
            final.RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()).Order());
    }

    private static string Gunzip(string path)
    {
        using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }
}
