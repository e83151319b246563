using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Daybreak.Correlation;
using Daybreak.Decoders;
using Daybreak.Decoders.SignIns;
using Daybreak.Detection;
using Daybreak.Detection.Sigma;
using Daybreak.Events;
using Daybreak.Pipeline;
using Daybreak.Rules.Sigma;
using Daybreak.Scoping;
using Daybreak.Sources;
using Daybreak.Tests.Detection.Builtin;
using Daybreak.Tests.Detection.Sigma;

namespace Daybreak.Tests.Decoders.SignIns;

/// <summary>
/// What the single-pass sign-in reader finds for a plan's raw paths as it reads a record must be, byte for byte,
/// what <see cref="JsonFieldCapture"/> finds reading the record again (whose answers another test holds to the parsed
/// record's): compared over the fixture records changed at random in every way the capture treats apart (names in
/// another case, dotted, non-ASCII or escaped, duplicates, arrays, objects and JSON text on the way, escapes and lone
/// surrogates in values), for the sign-in mapping's plan and for one made to meet those changes.
/// </summary>
public sealed class SignInPrereadTests
{
    private static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Planned to meet what the generator inserts; the mapping's own plan is compared too.
    private static readonly string[] Paths =
    [
        "x", "x.y", "a.b", "category", "resultType", "properties.x", "properties.x.y", "Properties.X.b", "properties.a.b",
        "properties.arr", "properties.arr.y", "properties.status", "properties.status.errorCode", "properties.status.x",
        "properties.location", "properties.location.city", "properties.location.x.y", "properties.deviceDetail",
        "properties.deviceDetail.x", "properties.userAgent", "properties.userAgent.x", "properties.id",
    ];

    private static readonly string[] TextPaths = ["properties.x", "properties.arr", "x", "properties.status"];

    private static readonly string[] Names =
    [
        "x", "X", "y", "Y", "a", "a.b", "b", "arr", "ARR", "caf\u00e9", "status.errorCode", "deviceDetail", "DeviceDetail",
        "city", "City", "errorCode", "@@ESCNAME@@", "@@DUP@@",
    ];

    private static readonly string[] Targets = ["", "properties", "properties.status", "properties.location", "properties.deviceDetail", "properties.x"];

    [Fact]
    public void Finds_what_the_capture_finds_path_by_path()
    {
        var synthetic = new JsonFieldPlan();
        foreach (var path in Paths) synthetic.Add(FieldPath.Of(path));
        foreach (var path in TextPaths) synthetic.AddText(FieldPath.Of(path));
        var mapping = CommunityTestKit.Mappings.ForSource(SourceKind.SignIn)!.Plan;
        var random = new Random(11);
        int compared = 0, declined = 0, found = 0, unsure = 0;
        foreach (var plan in new[] { synthetic, mapping })
        {
            for (var n = 0; n < 3000; n++)
            {
                var line = Variant(random);
                var utf8 = Encoding.UTF8.GetBytes(line);
                var evt = DiagnosticSignInReader.TryRead(utf8, arena: null, plan);
                if (evt is null)
                {
                    declined++;
                    continue;
                }
                var capture = new JsonFieldCapture();
                capture.Run(plan, utf8);
                var expected = capture.AnswerBytes.ToArray();
                var actual = evt.Preread(plan).ToArray();
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"{Differences(plan, expected, actual)} in {line}");
                Assert.True(evt.RawUtf8().Span.SequenceEqual(utf8));
                compared++;
                for (var id = 0; id < plan.Count; id++)
                {
                    var result = capture.TryGet(id, out _);
                    if (result == JsonFieldCapture.Result.Found) found++;
                    else if (result == JsonFieldCapture.Result.Unsure) unsure++;
                }
            }
        }
        // Enough of each, or the comparison proves little.
        Assert.True(compared > 3000 && declined > 100 && found > 20000 && unsure > 3000, $"{compared} compared, {declined} declined, {found} found, {unsure} unsure");
    }

    [Fact]
    public void Reading_for_a_plan_changes_no_event()
    {
        var plan = CommunityTestKit.Mappings.ForSource(SourceKind.SignIn)!.Plan;
        var random = new Random(12);
        var read = 0;
        for (var n = 0; n < 500; n++)
        {
            var utf8 = Encoding.UTF8.GetBytes(Variant(random));
            var plain = DiagnosticSignInReader.TryRead(utf8);
            var preread = DiagnosticSignInReader.TryRead(utf8, new RawArena(), plan);
            Assert.Equal(plain is null, preread is null);
            if (plain is null) continue;
            Assert.Equal(JsonSerializer.Serialize(plain), JsonSerializer.Serialize(preread));
            Assert.True(plain.RawUtf8().Span.SequenceEqual(preread!.RawUtf8().Span));
            read++;
        }
        Assert.True(read > 300, $"{read} read");
    }

    [Fact]
    public void The_answers_are_released_with_the_raw_record_and_serve_only_their_plan()
    {
        var plan = CommunityTestKit.Mappings.ForSource(SourceKind.SignIn)!.Plan;
        var evt = DiagnosticSignInReader.TryRead(Encoding.UTF8.GetBytes(Fixtures().First().ToJsonString()), new RawArena(), plan)!;
        Assert.Equal(plan.Count * JsonFieldAnswers.EntryBytes, evt.Preread(plan).Length);
        Assert.True(evt.Preread(new JsonFieldPlan()).IsEmpty);
        evt.ReleaseRaw();
        Assert.True(evt.Preread(plan).IsEmpty);
    }

    [Fact]
    public void Community_rules_raise_the_same_alerts_over_events_read_with_and_without_the_plan()
    {
        // Rules over fields the plan holds (values, objects, JSON text, numbers) and over what it does not (keywords,
        // which search the whole record).
        (string Title, string Detection)[] rules =
        [
            ("error code", "sel: { ResultType: 50126 }, condition: sel"),
            ("agent", "sel: { userAgent|contains: 'a' }, condition: sel"),
            ("device", "sel: { DeviceDetail.isCompliant: 'false' }, condition: sel"),
            ("no network location", "sel: { NetworkLocationDetails: '[]' }, condition: sel"),
            ("status", "sel: { Status|contains: 'fail' }, condition: sel"),
            ("keyword", "keywords: ['Mozilla'], condition: keywords"),
        ];
        var yaml = string.Join("---\n", rules.Select((r, i) =>
            $"title: {r.Title}\nid: 10000000-0000-0000-0000-{i + 1:D12}\nlogsource: {{ product: azure, service: signinlogs }}\n" +
            $"detection: {{ {r.Detection} }}\nlevel: low\n"));
        var set = CommunitySigma.Create(SigmaEngine.CreateBuilder().AddYaml(yaml, "test.yml").Build(), CommunityTestKit.Mappings);
        Assert.NotNull(set.Detection.Preread);
        var random = new Random(13);
        var lines = Enumerable.Range(0, 400).Select(_ => Encoding.UTF8.GetBytes(Variant(random))).ToArray();
        var withPlan = Alerts(set.Detection, lines, set.Detection.Preread!.SignIns);
        var without = Alerts(set.Detection, lines, null);
        Assert.Equal(without, withPlan);
        Assert.True(without.Select(a => a.Split(' ')[0]).Distinct().Count() >= 5, string.Join("\n", without.Take(20)));
    }

    [Fact]
    public void A_hunt_hands_the_plan_to_the_file_decoder_and_its_events_carry_the_answers()
    {
        // The wiring: a community rule set names its plan, the hunt passes it on, the decoder's options carry it.
        var set = CommunitySigma.Create(SigmaEngine.CreateBuilder().Build(), CommunityTestKit.Mappings);
        var analysis = new HuntAnalysis([set.Detection], new EntityGraphCorrelator(), new MailAccessScoper());
        Assert.Same(set.Detection.Preread, analysis.Preread);
        var plan = analysis.Preread!.SignIns;
        using var dir = new TempDir();
        var path = dir.File("signins.ndjson");
        var random = new Random(14);
        File.WriteAllLines(path, Enumerable.Range(0, 300).Select(_ => Variant(random)));
        var decoder = new FileDecoder(NormaliserRegistry.CreateDefault(), new DecodeOptions { RawArena = new RawArena(), Preread = analysis.Preread });
        var withAnswers = 0;
        foreach (var result in decoder.Decode(new InputSource(path)))
        {
            if (result.Event is not { } evt || evt.Preread(plan).IsEmpty) continue;
            var capture = new JsonFieldCapture();
            capture.Run(plan, evt.RawUtf8());
            Assert.True(capture.AnswerBytes.SequenceEqual(evt.Preread(plan).Span));
            withAnswers++;
        }
        Assert.True(withAnswers > 200, $"{withAnswers} events with answers");
    }

    private static List<string> Alerts(IDetection detection, byte[][] lines, JsonFieldPlan? plan)
    {
        var sink = new CollectingSink();
        foreach (var line in lines)
        {
            if (DiagnosticSignInReader.TryRead(line, new RawArena(), plan) is { } evt) detection.Observe(evt, sink);
        }
        return [.. sink.Alerts.Select(a => a.Rule + " " + a.Evidence[0])];
    }

    private static string Differences(JsonFieldPlan plan, byte[] expected, byte[] actual)
    {
        if (expected.Length != actual.Length) return $"{actual.Length} bytes of answers, not {expected.Length}";
        var size = JsonFieldAnswers.EntryBytes;
        var paths = Enumerable.Range(0, plan.Count).Where(id => !expected.AsSpan(id * size, size).SequenceEqual(actual.AsSpan(id * size, size)));
        return "paths " + string.Join(", ", paths.Select(id => $"#{id}: {Convert.ToHexString(expected, id * size, size)} expected, {Convert.ToHexString(actual, id * size, size)} read"));
    }

    private static IEnumerable<JsonObject> Fixtures()
    {
        var doc = JsonNode.Parse(File.ReadAllText(Entra.Decoded.Fixture("signin/diagnostic-records.json")))!;
        return doc["records"]!.AsArray().Select(r => r!.AsObject());
    }

    /// <summary>A fixture record with up to five properties inserted at random places, written as one line.</summary>
    private static string Variant(Random random)
    {
        var records = Fixtures().ToArray();
        var record = records[random.Next(records.Length)];
        if (record["properties"] is JsonObject signIn)
        {
            // Fields the sign-in mapping plans that the fixtures leave out: a device, network locations.
            if (random.Next(2) == 0) signIn["deviceDetail"] = new JsonObject { ["deviceId"] = "d1", ["isCompliant"] = random.Next(2) == 0, ["trustType"] = "Hybrid" };
            if (random.Next(2) == 0) signIn["networkLocationDetails"] = random.Next(2) == 0 ? new JsonArray() : new JsonArray(new JsonObject { ["networkType"] = "trustedNamedLocation" });
        }
        var changes = random.Next(6);
        for (var i = 0; i < changes; i++)
        {
            var target = Targets[random.Next(Targets.Length)];
            var into = target.Length == 0 ? record : Find(record, target);
            if (into is null)
            {
                // Make the object (a deviceDetail, an x) the first time it is chosen.
                if (record["properties"] is not JsonObject properties) continue;
                into = new JsonObject();
                properties[target["properties.".Length..]] = into;
            }
            into[Names[random.Next(Names.Length)]] = Value(random);
        }
        if (random.Next(8) == 0 && record["properties"] is JsonObject p && p["userAgent"] is not null) p["userAgent"] = "@@ESCVAL@@";
        return record.ToJsonString(Raw)
            .Replace("\"@@ESCNAME@@\"", "\"\\u0078\"")
            .Replace("\"@@DUP@@\"", "\"x\"")
            .Replace("@@ESCVAL@@", "a\\u0041\\\"b")
            .Replace("@@SURROGATE@@", "\\ud800");
    }

    private static JsonObject? Find(JsonObject record, string dotted)
    {
        JsonNode? node = record;
        foreach (var part in dotted.Split('.')) node = node is JsonObject o ? o[part] : null;
        return node as JsonObject;
    }

    private static JsonNode? Value(Random random) => random.Next(16) switch
    {
        0 => 1,
        1 => -2.5,
        2 => "text",
        3 => "@@ESCVAL@@",
        4 => "@@SURROGATE@@",
        5 => null,
        6 => true,
        7 => "{\"y\":1}",
        8 => new JsonObject(),
        9 => new JsonObject { ["y"] = 1, ["b"] = new JsonArray(1) },
        10 => new JsonObject { ["a.b"] = 2, ["y"] = "z" },
        11 => new JsonObject { ["@@ESCNAME@@"] = 1, ["y"] = 2 },
        12 => new JsonArray(),
        13 => new JsonArray(1, new JsonObject { ["y"] = 2 }),
        14 => new JsonObject { ["y"] = new JsonObject { ["y"] = 1 }, ["Y"] = 3 },
        _ => new JsonObject { ["city"] = "Berlin", ["x"] = new JsonObject { ["y"] = "@@ESCVAL@@" } },
    };
}
