using System.Text.Json;
using Daybreak.Tests.Support;

namespace Daybreak.Tests;

public sealed class TruthConsistencyTests(SimulationRun run) : IClassFixture<SimulationRun>
{
    private JsonElement Truth()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(run.Result.TruthPath));
        return doc.RootElement.Clone();
    }

    [Fact]
    public void Every_truth_record_exists_in_every_format_of_its_source()
    {
        var truth = Truth();
        var ids = truth.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.NotEmpty(ids);
        foreach (var format in run.Result.Files.Select(f => f.Format).Where(f => f is not ("eventhub" or "ual-ndjson")).Distinct())
        {
            var seen = run.Result.Files.Where(f => f.Format == format && !f.Path.Contains("/mixed/", StringComparison.Ordinal))
                .SelectMany(f => OutputReader.Records(run.Directory, f).Select(r => OutputReader.RecordId(format, r))).ToHashSet();
            if (seen.Count == 0) continue;
            var sources = run.Result.Files.Where(f => f.Format == format).Select(f => Daybreak.Simulation.Truth.TruthWriter.SourceName(f.Source)).ToHashSet();
            var expected = truth.GetProperty("records").EnumerateArray().Where(r => sources.Contains(r.GetProperty("source").GetString()!))
                .Select(r => r.GetProperty("id").GetString()!).ToList();
            Assert.NotEmpty(expected);
            var missing = expected.Where(id => !seen.Contains(id)).ToList();
            Assert.True(missing.Count == 0, $"{format}: {missing.Count} truth records missing, e.g. {missing.FirstOrDefault()}");
        }
    }

    [Fact]
    public void Every_exposed_message_id_appears_in_the_ual_output()
    {
        var truth = Truth();
        var ual = run.Result.Files.Where(f => f.Format == "ual-api").SelectMany(f => OutputReader.Records(run.Directory, f))
            .Where(r => r.GetProperty("Operation").GetString() == "MailItemsAccessed")
            .SelectMany(r => r.GetProperty("Folders").EnumerateArray())
            .SelectMany(f => f.TryGetProperty("FolderItems", out var items) ? items.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(i => i.GetProperty("InternetMessageId").GetString()!).ToHashSet();
        var exposed = truth.GetProperty("mailboxes").EnumerateArray().SelectMany(m => m.GetProperty("message_ids").EnumerateArray()).Select(e => e.GetString()!).ToList();
        Assert.True(exposed.Count > 100, $"only {exposed.Count} exposed messages");
        Assert.All(exposed, id => Assert.Contains(id, ual));
    }

    [Fact]
    public void Steps_are_in_order_and_midnight_blizzard_has_its_six_steps_sync_and_throttling()
    {
        var truth = Truth();
        foreach (var scenario in truth.GetProperty("scenarios").EnumerateArray())
        {
            var firsts = scenario.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("first").GetString()!).ToList();
            Assert.Equal(firsts.Order(StringComparer.Ordinal), firsts);
        }
        var mb = truth.GetProperty("scenarios").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "midnight-blizzard");
        Assert.Equal([1, 2, 3, 4, 5, 6], mb.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetInt32()));
        var boxes = truth.GetProperty("mailboxes").EnumerateArray().Where(m => m.GetProperty("scenario").GetString() == "midnight-blizzard").ToList();
        Assert.Contains(boxes, m => m.GetProperty("folders_synced").GetArrayLength() > 0);
        Assert.Contains(boxes, m => m.GetProperty("unknown_windows").GetArrayLength() > 0);
        Assert.Equal(6, truth.GetProperty("incidents").GetArrayLength());
    }

    [Fact]
    public void No_bind_record_for_a_throttled_mailbox_inside_its_window()
    {
        var truth = Truth();
        var windows = truth.GetProperty("throttled_windows").EnumerateArray()
            .Select(w => (Guid: w.GetProperty("mailbox_guid").GetString()!, From: w.GetProperty("from").GetDateTime(), To: w.GetProperty("to").GetDateTime())).ToList();
        Assert.NotEmpty(windows);
        var binds = run.Result.Files.Where(f => f.Format == "ual-api").SelectMany(f => OutputReader.Records(run.Directory, f))
            .Where(r => r.GetProperty("Operation").GetString() == "MailItemsAccessed" && r.GetProperty("OperationProperties")[0].GetProperty("Value").GetString() == "Bind"
                        && r.GetProperty("OperationProperties")[1].GetProperty("Value").GetString() == "False");
        foreach (var b in binds)
        {
            var t = DateTime.SpecifyKind(DateTime.Parse(b.GetProperty("CreationTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
            var guid = b.GetProperty("MailboxGuid").GetString();
            Assert.DoesNotContain(windows, w => w.Guid == guid && t > w.From.ToUniversalTime() && t < w.To.ToUniversalTime());
        }
    }
}
