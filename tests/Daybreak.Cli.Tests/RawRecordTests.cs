using System.Text;
using System.Text.Json;

namespace Daybreak.Tests;

/// <summary>The case keeps every record byte for byte as read, whichever way the writer hands it to the store.</summary>
public sealed class RawRecordTests
{
    [Fact]
    public void Raw_records_come_back_byte_for_byte_including_non_ascii_text()
    {
        using var dir = new TempDir();
        var lines = File.ReadAllLines(Path.Combine(Corpus.RepoRoot, "tests/fixtures/ual/mgmt-api.ndjson"))
            .Select((line, i) => i == 0 ? line.Replace("\"attacker@contoso.example\"", "\"zoë.ångström+漢字🙂@contoso.example\"", StringComparison.Ordinal) : line)
            .ToArray();
        Assert.Contains("🙂", lines[0]);
        var file = dir.Write("ual.ndjson", Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        var db = dir.File("case.duckdb");

        Assert.Equal(0, Cli.Run("ingest", file, "--db", db, "--strict").ExitCode);

        var r = Cli.Run("query", "SELECT line, raw, actor_user_name FROM events ORDER BY line", "--db", db, "--json");
        using var doc = JsonDocument.Parse(r.Out);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(lines.Length, rows.Count);
        for (var i = 0; i < lines.Length; i++) Assert.Equal(lines[i], rows[i].GetProperty("raw").GetString());
        Assert.Equal("zoë.ångström+漢字🙂@contoso.example", rows[0].GetProperty("actor_user_name").GetString());
    }
}
