using System.Text;
using System.Text.Json;
using Daybreak.Rules.Sigma;

namespace Daybreak.Tests.Rules.Sigma;

/// <summary>
/// Reading a record once for a plan's paths must answer exactly as looking each path up in the parsed record, or say
/// it is unsure. Compared over generated records whose names and values meet the paths in every way that matters:
/// case, duplicates, dots inside names, escapes, non-ASCII, arrays and JSON text on the way, objects and arrays at the
/// end, numbers JSON allows but a double does not hold.
/// </summary>
public sealed class JsonFieldCaptureTests
{
    private static readonly string[] Keys = ["a", "A", "b", "B", "c", "x", "y", "d", "a.b", "\\u0061", "\u00e9", "C"];

    private static readonly string[] Paths = ["a", "A", "b", "a.b", "A.B", "a.b.c", "b.c", "c.a", "x.y", "a.x.y", "d", "\u00e9"];

    private static readonly string[] Scalars =
    [
        "1", "-0", "2.50", "1e400", "12345678901234567890", "true", "false", "null", "\"text\"", "\"\"", "\"\\u0041b\"",
        "\"{\\\"c\\\":1}\"", "\"caf\u00e9\"",
    ];

    [Fact]
    public void Answers_as_the_parsed_record_does_or_says_it_is_unsure()
    {
        var (found, notFound, unsure, refused) = Compare(new Generator(new Random(5), spaced: false, relaxed: false), 8000);
        // Each answer must come up a good many times, or the comparison proves little.
        Assert.True(found > 2000 && notFound > 5000 && unsure > 1000 && refused == 0, $"{found} found, {notFound} not found, {unsure} unsure");
    }

    [Fact]
    public void White_space_between_tokens_changes_no_answer()
    {
        var (found, notFound, unsure, _) = Compare(new Generator(new Random(6), spaced: true, relaxed: false), 4000);
        Assert.True(found > 1000 && notFound > 2500 && unsure > 500, $"{found} found, {notFound} not found, {unsure} unsure");
    }

    [Fact]
    public void Comments_and_trailing_commas_the_decoders_accept_leave_every_path_unsure()
    {
        // Wherever they are, in the values passed over too: the parsed record refuses them, so no path may be answered.
        var (found, notFound, _, refused) = Compare(new Generator(new Random(7), spaced: true, relaxed: true), 4000);
        Assert.True(refused > 2000 && found > 100 && notFound > 500, $"{refused} records refused, {found} found, {notFound} not found");
    }

    [Theory]
    [InlineData(63, false)]
    [InlineData(64, true)]
    public void Nesting_deeper_than_the_parser_allows_leaves_every_path_unsure(int arrays, bool refused)
    {
        var plan = new JsonFieldPlan();
        var a = plan.Add(FieldPath.Of("a"));
        var deep = plan.Add(FieldPath.Of("b.c"));
        var capture = new JsonFieldCapture();
        // The root object and `arrays` arrays inside it (passed over); or objects down a planned path.
        var passedOver = "{\"a\":1,\"x\":" + new string('[', arrays) + new string(']', arrays) + "}";
        var planned = "{\"a\":1,\"b\":" + string.Concat(Enumerable.Repeat("{\"c\":", arrays)) + "1" + new string('}', arrays) + "}";
        foreach (var (json, bc) in new[] { (passedOver, JsonFieldCapture.Result.NotFound), (planned, JsonFieldCapture.Result.Found) })
        {
            var utf8 = Encoding.UTF8.GetBytes(json);
            Assert.Equal(!refused, Parses(utf8));
            capture.Run(plan, utf8);
            Assert.Equal(refused ? JsonFieldCapture.Result.Unsure : JsonFieldCapture.Result.Found, capture.TryGet(a, out _));
            Assert.Equal(refused ? JsonFieldCapture.Result.Unsure : bc, capture.TryGet(deep, out _));
        }
    }

    [Fact]
    public void Escapes_that_run_across_the_blocks_a_value_is_passed_over_in_are_read_as_escapes()
    {
        var plan = new JsonFieldPlan();
        var a = plan.Add(FieldPath.Of("a"));
        var capture = new JsonFieldCapture();
        // Every place for the escape relative to the 64-byte blocks; each text holds a quote and brackets that end the
        // value early (and leave the record unreadable) when an escape is missed.
        foreach (var escapes in new[] { "\\\"", "\\\\\\\"", "\\\\", "\\\\\\\\" })
        {
            for (var filler = 0; filler < 140; filler++)
            {
                var json = "{\"x\":[\"" + new string('b', filler) + escapes + "],[\"],\"a\":1}";
                var utf8 = Encoding.UTF8.GetBytes(json);
                Assert.True(Parses(utf8), json);
                capture.Run(plan, utf8);
                Assert.Equal(JsonFieldCapture.Result.Found, capture.TryGet(a, out var value));
                Assert.Equal("1", value.Text);
            }
        }
    }

    private const string Damage = "\"\\{}[],:/ 0ae";

    [Fact]
    public void Cut_or_damaged_records_never_throw()
    {
        var random = new Random(8);
        var plan = new JsonFieldPlan();
        foreach (var path in Paths) plan.Add(FieldPath.Of(path));
        var capture = new JsonFieldCapture();
        var generator = new Generator(random, spaced: true, relaxed: true);
        for (var n = 0; n < 4000; n++)
        {
            var utf8 = Encoding.UTF8.GetBytes(generator.Object(0));
            var cut = utf8.AsSpan(0, random.Next(utf8.Length + 1)).ToArray();
            if (cut.Length > 0 && random.Next(2) == 0) cut[random.Next(cut.Length)] = (byte)Damage[random.Next(Damage.Length)];
            capture.Run(plan, cut);
            for (var id = 0; id < plan.Count; id++) capture.TryGet(id, out _);
        }
    }

    /// <summary>Runs the capture and the parsed record over <paramref name="records"/> generated records and asserts
    /// that every answer the capture gives is the parsed record's (and none where the record does not parse).</summary>
    private static (int Found, int NotFound, int Unsure, int Refused) Compare(Generator generator, int records)
    {
        var plan = new JsonFieldPlan();
        var ids = Paths.Select(p => plan.Add(FieldPath.Of(p))).ToArray();
        Assert.Equal(-1, ids[^1]); // a non-ASCII part is never planned: always looked up in the parsed record
        Assert.Equal(ids[0], ids[1]); // paths that differ only in case are one
        // The same paths asked for as JSON text (a mapping's json: candidates), answered as navigating the parsed record.
        var textIds = Paths.Select(p => plan.AddText(FieldPath.Of(p))).ToArray();
        Assert.All(textIds.Zip(ids), pair => Assert.True(pair.First < 0 || pair.First != pair.Second));
        var capture = new JsonFieldCapture();
        int found = 0, notFound = 0, unsure = 0, refused = 0, arrays = 0;
        for (var n = 0; n < records; n++)
        {
            var json = generator.Record();
            var utf8 = Encoding.UTF8.GetBytes(json);
            capture.Run(plan, utf8);
            JsonSigmaEvent? parsed = null;
            try
            {
                parsed = JsonSigmaEvent.Parse(utf8);
            }
            catch (JsonException)
            {
                refused++;
            }
            for (var p = 0; p < Paths.Length; p++)
            {
                if (textIds[p] < 0) continue;
                var textResult = capture.TryGetText(textIds[p], out var text);
                if (parsed is null || textResult == JsonFieldCapture.Result.Unsure)
                {
                    Assert.True(parsed is not null || textResult == JsonFieldCapture.Result.Unsure, $"json:{Paths[p]} answered in a record that does not parse: {json}");
                    continue;
                }
                var navigated = parsed.TryNavigate(FieldPath.Of(Paths[p]), out var element) && element.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
                var expectedText = !navigated ? null : element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
                Assert.True(expectedText == (textResult == JsonFieldCapture.Result.Found ? text : null), $"json:{Paths[p]} in {json}: {text}");
                if (navigated && element.ValueKind == JsonValueKind.Array && textResult == JsonFieldCapture.Result.Found) arrays++;
            }
            for (var p = 0; p < Paths.Length; p++)
            {
                if (ids[p] < 0) continue;
                var result = capture.TryGet(ids[p], out var value);
                if (parsed is null)
                {
                    Assert.True(result == JsonFieldCapture.Result.Unsure, $"{Paths[p]} answered in a record that does not parse: {json}");
                    continue;
                }
                var expected = parsed.TryGetField(FieldPath.Of(Paths[p]), out var expectedValue);
                switch (result)
                {
                    case JsonFieldCapture.Result.Unsure:
                        unsure++;
                        break;
                    case JsonFieldCapture.Result.NotFound:
                        Assert.False(expected, $"{Paths[p]} in {json}");
                        notFound++;
                        break;
                    default:
                        Assert.True(expected, $"{Paths[p]} in {json}");
                        Assert.Equal(expectedValue.Kind, value.Kind);
                        Assert.Equal(expectedValue.Text, value.Text);
                        Assert.Equal(expectedValue.TryGetNumber(out var a), value.TryGetNumber(out var b));
                        Assert.Equal(a, b);
                        found++;
                        break;
                }
            }
        }
        // Arrays are where JSON text and a value part ways: they must come up too.
        Assert.True(refused == records || arrays > records / 100, $"{arrays} arrays as JSON text");
        return (found, notFound, unsure, refused);
    }

    private static bool Parses(byte[] utf8)
    {
        try
        {
            JsonSigmaEvent.Parse(utf8);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [Fact]
    public void A_record_that_does_not_parse_leaves_every_path_unsure()
    {
        var plan = new JsonFieldPlan();
        var id = plan.Add(FieldPath.Of("a"));
        var capture = new JsonFieldCapture();
        foreach (var json in new[] { "{\"a\":1} trailing", "{\"a\":1,}", "[{\"a\":1}]", "{\"a\":", "\"a\"" })
        {
            capture.Run(plan, Encoding.UTF8.GetBytes(json));
            Assert.Equal(JsonFieldCapture.Result.Unsure, capture.TryGet(id, out _));
        }
    }

    /// <summary>Records whose names and values meet the paths in every way that matters; <c>spaced</c> puts white space
    /// between tokens, <c>relaxed</c> now and then a comment or a trailing comma (which the decoders accept).</summary>
    private sealed class Generator(Random random, bool spaced, bool relaxed)
    {
        private static readonly string[] Spaces = [" ", "\n", "\t", "\r\n  "];
        private static readonly string[] TextParts = ["a", "bc d", "\\\\", "\\\"", "{", "}", "[", "]", "/", ",", "\\u005c", "\\n", "\\/"];

        public string Record() => Gap() + Object(0) + Gap();

        public string Object(int depth)
        {
            var members = Enumerable.Range(0, random.Next(0, 6)).Select(_ => $"{Gap()}\"{Keys[random.Next(Keys.Length)]}\"{Gap()}:{Gap()}{Value(depth + 1)}{Gap()}");
            return "{" + string.Join(",", members) + Trailing() + "}";
        }

        private string Value(int depth) => random.Next(10) switch
        {
            < 4 when depth < 4 => Object(depth),
            4 when depth < 4 => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 3)).Select(_ => Gap() + Value(depth + 1) + Gap())) + Trailing() + "]",
            5 or 6 => Text(),
            _ => Scalars[random.Next(Scalars.Length)],
        };

        /// <summary>A string of any length holding what a scanner must not take for structure: brackets, slashes,
        /// commas, escaped quotes and runs of escaped backslashes (so that escapes fall across 64-byte blocks too).</summary>
        private string Text() =>
            "\"" + string.Concat(Enumerable.Range(0, random.Next(0, 40)).Select(_ => TextParts[random.Next(TextParts.Length)])) + "\"";

        private string Gap()
        {
            if (relaxed && random.Next(40) == 0) return "/* { \" */";
            return spaced && random.Next(3) == 0 ? Spaces[random.Next(Spaces.Length)] : "";
        }

        private string Trailing() => relaxed && random.Next(30) == 0 ? "," : "";
    }
}
