using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Daybreak.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Daybreak.Tests;

public sealed class ExportCommandTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2024, 1, 20, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Bundle_holds_timeline_records_report_custody_and_a_manifest_whose_hashes_verify()
    {
        using var dir = new TempDir();
        var c = IncidentCase.Create(dir);
        var zip = dir.File("out/case.zip");

        var r = Cli.Run(Clock, "export", "inc-7f3", "--out", zip, "--db", c.Db);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains("manifest sha256: ", r.Out);

        using (var archive = ZipFile.OpenRead(zip))
        {
            Assert.Equal(["README.txt", "timeline.csv", "timeline.json", "evidence/records.jsonl", "hunt-report.json", "chain-of-custody.json", "manifest.json"],
                archive.Entries.Select(e => e.FullName));
            Assert.All(archive.Entries, e => Assert.Equal(new DateTime(2024, 1, 20, 12, 0, 0), e.LastWriteTime.DateTime));

            using var manifest = JsonDocument.Parse(Read(archive, "manifest.json"));
            var files = manifest.RootElement.GetProperty("files").EnumerateArray().ToList();
            Assert.Equal(6, files.Count);
            foreach (var f in files)
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(Read(archive, f.GetProperty("path").GetString()!));
                Assert.Equal(f.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
            }
            var source = Assert.Single(manifest.RootElement.GetProperty("source_files").EnumerateArray());
            Assert.Equal(c.SourceFile, source.GetProperty("path").GetString());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(c.SourceFile))), source.GetProperty("sha256").GetString());
            Assert.Equal(["ual:gone"], manifest.RootElement.GetProperty("records_missing_from_case").EnumerateArray().Select(e => e.GetString()));

            // Every alert's stored records, as stored, with provenance; the benign records are not in it.
            var lines = Read(archive, "evidence/records.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var records = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(["signin:1", "signin:2", "audit:1", "ual:1"], records.Select(x => x.GetProperty("record_id").GetString()));
            Assert.All(records, x => Assert.Equal(c.SourceFile, x.GetProperty("file").GetString()));
            Assert.Equal(1, records[0].GetProperty("line").GetInt64());
            Assert.Contains("\"id\":\"signin:1\"", records[0].GetProperty("raw").GetString());

            using var custody = JsonDocument.Parse(Read(archive, "chain-of-custody.json"));
            var entries = custody.RootElement.GetProperty("entries").EnumerateArray().ToList();
            Assert.Equal(2, entries.Count);
            Assert.StartsWith("hunt", entries[0].GetProperty("command").GetString());
            Assert.StartsWith("export inc-7f3a9c", entries[1].GetProperty("command").GetString());
            Assert.Equal(Environment.UserName, entries[1].GetProperty("os_user").GetString());
            Assert.Equal(Environment.MachineName, entries[1].GetProperty("machine").GetString());

            using var report = JsonDocument.Parse(Read(archive, "hunt-report.json"));
            Assert.Equal("inc-7f3a9c", report.RootElement.GetProperty("incidents")[0].GetProperty("id").GetString());
        }

        var ok = Cli.Run("export", "--verify", zip);
        Assert.True(ok.ExitCode == 0, ok.Out);
        Assert.Contains("OK: every file matches the manifest", ok.Out);
    }

    [Fact]
    public void Timeline_csv_neutralises_formula_cells_from_logs()
    {
        using var dir = new TempDir();
        var c = IncidentCase.Create(dir);
        var zip = dir.File("case.zip");
        Assert.Equal(0, Cli.Run(Clock, "export", c.Incident.Id, "--out", zip, "--db", c.Db).ExitCode);
        using var archive = ZipFile.OpenRead(zip);
        var csv = Read(archive, "timeline.csv");
        Assert.DoesNotContain(",=HYPERLINK", csv);
        Assert.DoesNotContain(",\"=HYPERLINK", csv);
        Assert.Contains("'=HYPERLINK", csv);
        Assert.StartsWith("time,technique,alert,rule,severity,title", csv);
    }

    [Fact]
    public void Tampering_one_byte_of_an_entry_is_detected()
    {
        using var dir = new TempDir();
        var c = IncidentCase.Create(dir);
        var zip = dir.File("case.zip");
        Assert.Equal(0, Cli.Run(Clock, "export", c.Incident.Id, "--out", zip, "--db", c.Db).ExitCode);

        // Rewrite one entry with one byte changed, as someone editing the bundle would; the zip itself stays valid.
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Update))
        {
            var entry = archive.GetEntry("evidence/records.jsonl")!;
            var bytes = System.Text.Encoding.UTF8.GetBytes(Read(archive, entry.FullName));
            bytes[10] ^= 0x01;
            entry.Delete();
            using var s = archive.CreateEntry("evidence/records.jsonl").Open();
            s.Write(bytes);
        }
        var r = Cli.Run("export", "--verify", zip);
        Assert.Equal(4, r.ExitCode);
        Assert.Contains("MISMATCH  evidence/records.jsonl", r.Out);
        Assert.Contains("ok        timeline.csv", r.Out);
    }

    [Fact]
    public void Flipping_a_raw_byte_of_the_zip_or_adding_a_file_is_detected()
    {
        using var dir = new TempDir();
        var c = IncidentCase.Create(dir);
        var zip = dir.File("case.zip");
        Assert.Equal(0, Cli.Run(Clock, "export", c.Incident.Id, "--out", zip, "--db", c.Db).ExitCode);
        var original = File.ReadAllBytes(zip);

        var flipped = (byte[])original.Clone();
        flipped[200] ^= 0x20; // inside the first entries' compressed data
        File.WriteAllBytes(zip, flipped);
        Assert.Equal(4, Cli.Run("export", "--verify", zip).ExitCode);

        File.WriteAllBytes(zip, original);
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Update))
        {
            using var s = archive.CreateEntry("extra.txt").Open();
            s.WriteByte((byte)'x');
        }
        var r = Cli.Run("export", "--verify", zip);
        Assert.Equal(4, r.ExitCode);
        Assert.Contains("extra.txt (not in manifest)", r.Out);
    }

    [Fact]
    public void A_manifest_hash_recorded_at_export_is_checked_on_verify()
    {
        using var dir = new TempDir();
        var c = IncidentCase.Create(dir);
        var a = Cli.Run(Clock, "export", c.Incident.Id, "--out", dir.File("a.zip"), "--db", c.Db);
        var hash = a.Out.Split('\n').Single(l => l.StartsWith("manifest sha256: ", StringComparison.Ordinal))["manifest sha256: ".Length..].Split(' ')[0];
        Assert.Equal(0, Cli.Run("export", "--verify", dir.File("a.zip"), "--manifest-sha256", hash).ExitCode);
        Assert.Equal(4, Cli.Run("export", "--verify", dir.File("a.zip"), "--manifest-sha256", new string('0', 64)).ExitCode);
    }

    [Fact]
    public void Unknown_incident_and_missing_source_files_are_reported()
    {
        using var dir = new TempDir();
        var c = IncidentCase.Create(dir);
        var r = Cli.Run("export", "nope", "--out", dir.File("x.zip"), "--db", c.Db);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("inc-7f3a9c", r.Error);

        File.Delete(c.SourceFile);
        Assert.Equal(0, Cli.Run(Clock, "export", c.Incident.Id, "--out", dir.File("y.zip"), "--db", c.Db).ExitCode);
        using var archive = ZipFile.OpenRead(dir.File("y.zip"));
        using var manifest = JsonDocument.Parse(Read(archive, "manifest.json"));
        var source = Assert.Single(manifest.RootElement.GetProperty("source_files").EnumerateArray());
        Assert.Equal("unavailable: file no longer present", source.GetProperty("sha256").GetString());
    }

    private static string Read(ZipArchive archive, string name)
    {
        using var reader = new StreamReader(archive.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }
}
