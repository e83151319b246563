using System.IO.Compression;
using System.Text;
using Daybreak.Decoders;
using Daybreak.Sources;

namespace Daybreak.Tests.Decoders;

/// <summary>
/// Logs are attacker input: every fixture, damaged in many seeded ways (bytes inserted, deleted, flipped, values
/// swapped for odd JSON, files cut short), must decode without an exception escaping, every line accounted for as an
/// event or a rejection that names file, line and reason. Mutating whole lines of NDJSON exercises the single-pass
/// sign-in and UAL readers as well as the general path. Seeded, so a failure names a case that can be replayed.
/// </summary>
public sealed class MutatedInputTests
{
    /// <summary>40 in every test run; <c>DAYBREAK_MUTANTS=5000</c> for a deeper search on a developer's machine.</summary>
    private static readonly int MutantsPerFile = int.TryParse(Environment.GetEnvironmentVariable("DAYBREAK_MUTANTS"), out var n) && n > 0 ? n : 40;

    private static readonly byte[][] Hostile =
    [
        [0x00], [0xFF, 0xFE], [0xC3], [0x8B, 0xC3, 0x28], "\""u8.ToArray(), "\\"u8.ToArray(), "\\u0000"u8.ToArray(),
        "\\ud800"u8.ToArray(), "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(), ","u8.ToArray(),
        ":"u8.ToArray(), "1e309"u8.ToArray(), "\n"u8.ToArray(), "\r\n"u8.ToArray(), "\u001b[31m"u8.ToArray(),
        "=cmd|' /C calc'!A0"u8.ToArray(), "\u202e"u8.ToArray(), [0xEF, 0xBB, 0xBF], "\"2024-13-45T25:61:61Z\""u8.ToArray(),
    ];

    private static readonly byte[][] OddValues =
    [
        "null"u8.ToArray(), "123"u8.ToArray(), "-1e400"u8.ToArray(), "\"x\""u8.ToArray(), "[]"u8.ToArray(), "{}"u8.ToArray(),
        "true"u8.ToArray(), "[{\"a\":[]}]"u8.ToArray(), "\"\\u00e9\\ud83d\\ude00\""u8.ToArray(), "\"\\ud83d\""u8.ToArray(),
        "\"0001-01-01T00:00:00Z\""u8.ToArray(), "\"9999-12-31T23:59:59.9999999+14:00\""u8.ToArray(),
    ];

    public static TheoryData<string> Fixtures()
    {
        var root = Path.Combine(Corpus.RepoRoot, "tests", "fixtures");
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (file.EndsWith(".py", StringComparison.Ordinal) || file.EndsWith(".md", StringComparison.Ordinal)) continue;
            data.Add(Path.GetRelativePath(root, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_damaged_fixture_decodes_to_events_and_rejections_without_an_exception(string fixture)
    {
        var original = Read(Path.Combine(Corpus.RepoRoot, "tests", "fixtures", fixture));
        using var dir = new TempDir();
        for (var seed = 0; seed < MutantsPerFile; seed++)
        {
            var random = new Random(StableSeed(fixture) + seed);
            var damaged = Mutate(original, random, 1 + random.Next(4));
            DecodeChecked(dir, fixture, seed, damaged, gzip: fixture.EndsWith(".gz", StringComparison.Ordinal) && random.Next(3) > 0);
        }
    }

    [Theory]
    [InlineData("signin/diagnostic-records.json")]
    [InlineData("ual/mgmt-api.ndjson")]
    [InlineData("ual/mgmt-api-array.json")]
    [InlineData("audit/loganalytics.ndjson")]
    [InlineData("graphactivity/diagnostic-records.json")]
    public void Damaged_lines_among_good_ones_are_each_an_event_or_a_rejection(string fixture)
    {
        var lines = RecordLines(Read(Path.Combine(Corpus.RepoRoot, "tests", "fixtures", fixture)));
        Assert.NotEmpty(lines);
        using var dir = new TempDir();
        var random = new Random(17);
        var output = new List<byte>();
        const int Count = 400;
        for (var i = 0; i < Count; i++)
        {
            var line = lines[random.Next(lines.Count)];
            var damaged = i % 4 == 0 ? line : Mutate(line, random, 1 + random.Next(4));
            // One record per line: a line break the mutation put in would make two.
            output.AddRange(damaged.Select(b => b is (byte)'\n' or (byte)'\r' ? (byte)' ' : b));
            output.Add((byte)'\n');
        }
        var (events, rejections) = DecodeChecked(dir, fixture, 0, output.ToArray(), gzip: false);
        Assert.Equal(Count, events + rejections);
    }

    /// <summary>Decodes the bytes and checks the contract; returns the events and the rejections counted.</summary>
    private static (int Events, int Rejections) DecodeChecked(TempDir dir, string fixture, int seed, byte[] bytes, bool gzip)
    {
        var path = dir.File($"mutant-{seed}{(gzip ? ".gz" : Path.GetExtension(fixture.Replace(".gz", "", StringComparison.Ordinal)))}");
        File.WriteAllBytes(path, gzip ? Gzip(bytes) : bytes);
        var decoder = new FileDecoder(NormaliserRegistry.CreateDefault(), new DecodeOptions());
        List<DecodeResult> results;
        try
        {
            results = decoder.Decode(new InputSource(path)).ToList();
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{Keep(fixture, seed, bytes)}: {ex.GetType().Name} escaped: {ex}");
        }
        if (results.Count == 0 && !IsHeaderOnlyCsv(fixture, bytes)) Assert.Fail($"{Keep(fixture, seed, bytes)}: neither an event nor a rejection");
        foreach (var r in results)
        {
            if (r.Rejection is { } rejection)
            {
                Assert.Equal(path, rejection.File);
                Assert.True(rejection.Line >= 0, $"{fixture} mutant {seed}: line {rejection.Line}");
                Assert.False(string.IsNullOrWhiteSpace(rejection.Reason), $"{fixture} mutant {seed}: a rejection without a reason");
            }
            else
            {
                var evt = Assert.IsType<Daybreak.Events.AuditEvent>(r.Event);
                Assert.False(string.IsNullOrEmpty(evt.RecordId), $"{fixture} mutant {seed}: an event without a record id");
                Assert.Equal(DateTimeKind.Utc, evt.Time.Kind);
            }
        }
        return (results.Count(r => r.Event is not null), results.Count(r => r.Rejection is not null));
    }

    /// <summary>Keeps a failing mutant in the temp folder, to replay; names it for the failure message.</summary>
    private static string Keep(string fixture, int seed, byte[] bytes)
    {
        var kept = Path.Combine(Path.GetTempPath(), $"daybreak-mutant-{Path.GetFileName(fixture)}-{seed}");
        File.WriteAllBytes(kept, bytes);
        return $"{fixture}, mutant {seed} (kept as {kept})";
    }

    /// <summary>A CSV left with its header only (and PowerShell's #TYPE line): an export with no rows, which holds no
    /// record to accept or reject. Rows are counted outside quotes, as a quoted cell may hold line breaks.</summary>
    private static bool IsHeaderOnlyCsv(string fixture, byte[] bytes)
    {
        if (!fixture.EndsWith(".csv", StringComparison.Ordinal)) return false;
        var text = (bytes is [0xFF, 0xFE, ..] ? Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2) : Encoding.UTF8.GetString(bytes)).TrimStart('\uFEFF');
        if (text.StartsWith("#TYPE", StringComparison.Ordinal)) text = text.IndexOf('\n') is var nl and >= 0 ? text[(nl + 1)..] : "";
        var rows = 0;
        var quoted = false;
        var content = false;
        foreach (var c in text)
        {
            if (c == '"') quoted = !quoted;
            if (c == '\n' && !quoted)
            {
                if (content) rows++;
                content = false;
            }
            else if (!char.IsWhiteSpace(c)) content = true;
        }
        if (content) rows++;
        return rows <= 1;
    }

    /// <summary>A seed from the fixture's name that is the same in every process (string hashes are not).</summary>
    private static int StableSeed(string name)
    {
        var hash = 17;
        foreach (var c in name) hash = unchecked(hash * 31 + c);
        return hash & 0x3FFFFFFF;
    }

    private static byte[] Mutate(byte[] original, Random random, int times)
    {
        var data = new List<byte>(original);
        for (var i = 0; i < times; i++)
        {
            var at = random.Next(data.Count + 1);
            switch (random.Next(10))
            {
                case < 3:
                    data.InsertRange(at, Hostile[random.Next(Hostile.Length)]);
                    break;
                case < 5 when data.Count > 2:
                    var start = Math.Min(at, data.Count - 1);
                    data.RemoveRange(start, Math.Min(1 + random.Next(20), data.Count - start));
                    break;
                case 5:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case < 8:
                    // A value swapped for an odd one: from after a colon to the next comma.
                    var colon = data.IndexOf((byte)':', Math.Min(at, data.Count));
                    var comma = colon < 0 ? -1 : data.IndexOf((byte)',', colon);
                    if (comma > colon + 1)
                    {
                        data.RemoveRange(colon + 1, comma - colon - 1);
                        data.InsertRange(colon + 1, OddValues[random.Next(OddValues.Length)]);
                    }
                    break;
                default:
                    if (data.Count > 0) data[random.Next(data.Count)] = (byte)random.Next(256);
                    break;
            }
        }
        return data.ToArray();
    }

    /// <summary>Each record of an NDJSON file, or of the one array or envelope (records, value) a JSON file holds, as a line.</summary>
    private static List<byte[]> RecordLines(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(text);
            var root = doc.RootElement;
            var array = root.ValueKind == System.Text.Json.JsonValueKind.Array ? root
                : root.TryGetProperty("records", out var r) ? r : root.TryGetProperty("value", out var v) ? v : root;
            return array.ValueKind == System.Text.Json.JsonValueKind.Array
                ? array.EnumerateArray().Select(e => Encoding.UTF8.GetBytes(e.GetRawText().ReplaceLineEndings(" "))).ToList()
                : [Encoding.UTF8.GetBytes(root.GetRawText().ReplaceLineEndings(" "))];
        }
        catch (System.Text.Json.JsonException)
        {
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Encoding.UTF8.GetBytes).ToList();
        }
    }

    private static byte[] Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (!path.EndsWith(".gz", StringComparison.Ordinal)) return bytes;
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(bytes);
        return output.ToArray();
    }
}
