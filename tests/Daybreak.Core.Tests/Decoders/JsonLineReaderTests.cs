using System.Text;
using System.Text.Json;
using Daybreak.Decoders;

namespace Daybreak.Tests.Decoders;

/// <summary>
/// The decoders' own reader must give the tokens, values and errors <see cref="Utf8JsonReader"/> gives (default
/// options: no comments, no trailing commas, nesting to 64), token for token: compared over generated JSON with every
/// kind of value, escape, number and white space, over the same JSON damaged at random, and with values skipped.
/// </summary>
public sealed class JsonLineReaderTests
{
    [Fact]
    public void Reads_generated_json_token_for_token_as_the_framework_reader()
    {
        var random = new Random(11);
        var tokens = 0;
        for (var i = 0; i < 6000; i++)
        {
            var json = Generate(random);
            var expected = Trace(json, FrameworkReader, skipEvery: 0);
            Assert.DoesNotContain("error", expected[^1]); // the generator writes valid JSON
            Assert.Equal(expected, Trace(json, LineReader, skipEvery: 0));
            tokens += expected.Count;
        }
        Assert.True(tokens > 80_000, $"{tokens} tokens compared");
    }

    [Fact]
    public void Refuses_damaged_json_where_the_framework_reader_does()
    {
        var random = new Random(12);
        var refused = 0;
        const string damage = "\"\\{}[],: /-+.0123456789eEtfnulx\t\r\n\u0001\u007f";
        for (var i = 0; i < 20000; i++)
        {
            var json = Generate(random).ToList();
            switch (random.Next(4))
            {
                case 0: json.RemoveAt(random.Next(json.Count)); break;
                case 1: json.Insert(random.Next(json.Count + 1), (byte)damage[random.Next(damage.Length)]); break;
                case 2: json[random.Next(json.Count)] = (byte)damage[random.Next(damage.Length)]; break;
                default: json = json.Take(random.Next(json.Count)).ToList(); break;
            }
            var bytes = json.ToArray();
            var expected = Trace(bytes, FrameworkReader, skipEvery: 0);
            Assert.Equal(expected, Trace(bytes, LineReader, skipEvery: 0));
            if (expected[^1].Contains("error")) refused++;
        }
        Assert.True(refused > 8000, $"{refused} damaged texts refused");
    }

    [SkippableFact]
    public void Reads_every_line_of_the_corpus_json_as_the_framework_reader()
    {
        // Real exports, each file whole (most are pretty-printed documents) and line by line: NDJSON records whole,
        // the lines of a document as the fragments they are (which both readers must refuse at the same token).
        var root = Corpus.RequireCorpus("");
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".ndjson", StringComparison.Ordinal) || f.EndsWith(".jsonl", StringComparison.Ordinal))
            .ToList();
        int lines = 0, documents = 0;
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var whole = Trace(bytes, FrameworkReader, skipEvery: 0);
            Assert.True(whole.SequenceEqual(Trace(bytes, LineReader, skipEvery: 0)), file);
            if (whole[^1] == "end") documents++;
            foreach (var line in bytes.Lines())
            {
                var expected = Trace(line, FrameworkReader, skipEvery: 0);
                Assert.True(expected.SequenceEqual(Trace(line, LineReader, skipEvery: 0)), $"{file}: {Encoding.UTF8.GetString(line)}");
                lines++;
            }
        }
        Assert.True(files.Count > 100 && lines > 10_000 && documents > 100, $"{files.Count} files ({documents} read whole), {lines} lines");
    }

    [Fact]
    public void Skips_values_as_the_framework_reader_does()
    {
        var random = new Random(13);
        for (var i = 0; i < 3000; i++)
        {
            var json = Generate(random);
            var every = 2 + random.Next(4);
            Assert.Equal(Trace(json, FrameworkReader, every), Trace(json, LineReader, every));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("1 2")]
    [InlineData("{\"a\":1,}")]
    [InlineData("[1,]")]
    [InlineData("[1 2]")]
    [InlineData("{\"a\" 1}")]
    [InlineData("{\"a\":1")]
    [InlineData("[true")]
    [InlineData("{\"a\":\"b\"")]
    [InlineData("[1")]
    [InlineData("[01]")]
    [InlineData("[1.]")]
    [InlineData("[-]")]
    [InlineData("[1e]")]
    [InlineData("[true1]")]
    [InlineData("[nul]")]
    [InlineData("[1/]")]
    [InlineData("[1]/* c */")]
    [InlineData("\"a\tb\"")]
    [InlineData("\"\\x\"")]
    [InlineData("\"\\u12\"")]
    [InlineData("[\u000b1]")]
    [InlineData("\ufeff{}")]
    [InlineData("{\"a\":1}}")]
    public void Refuses_what_json_does_not_allow(string text)
    {
        var json = Encoding.UTF8.GetBytes(text);
        var expected = Trace(json, FrameworkReader, skipEvery: 0);
        Assert.Contains("error", expected[^1]);
        Assert.Equal(expected, Trace(json, LineReader, skipEvery: 0));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(65)]
    public void Nests_as_deep_as_the_framework_reader_by_default(int depth)
    {
        var json = Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth));
        var expected = Trace(json, FrameworkReader, skipEvery: 0);
        Assert.Equal(depth > JsonLineReader.MaxDepth, expected[^1].Contains("error"));
        Assert.Equal(expected, Trace(json, LineReader, skipEvery: 0));
    }

    [Fact]
    public void Gives_string_text_as_the_framework_reader_including_broken_utf8_and_lone_surrogates()
    {
        byte[][] strings =
        [
            [(byte)'"', 0xff, 0xfe, (byte)'"'],
            [(byte)'"', 0xc3, 0xa9, (byte)'"'],
            [(byte)'"', 0xed, 0xa0, 0x80, (byte)'"'],
            "\"\\ud800\""u8.ToArray(),
            "\"\\ud83d\\ude00 \\u00e9 \\u003cid@x\\u003e\""u8.ToArray(),
            "\"a\\/b\\\\c\\\"d\\b\\f\\n\\r\\t\""u8.ToArray(),
        ];
        foreach (var json in strings) Assert.Equal(Trace(json, FrameworkReader, 0), Trace(json, LineReader, 0));
    }

    // ---- the comparison ----

    private interface IReaderTrace
    {
        List<string> Run(byte[] json, int skipEvery);
    }

    private static readonly IReaderTrace FrameworkReader = new Framework();
    private static readonly IReaderTrace LineReader = new Line();

    private static List<string> Trace(byte[] json, IReaderTrace reader, int skipEvery) => reader.Run(json, skipEvery);

    /// <summary>Each token as type, raw bytes, escape flag and what the value getters give; an error ends the trace.</summary>
    private static string Describe(JsonTokenType type, ReadOnlySpan<byte> raw, bool escaped, string values) =>
        $"{type} [{Convert.ToHexString(raw)}] {escaped} {values}";

    private static string Numbers(bool isLong, long l, bool isInt, int i, bool isDouble, double d) =>
        $"{(isLong ? l : "-")} {(isInt ? i : "-")} {(isDouble ? d.ToString("R") : "-")}";

    private sealed class Framework : IReaderTrace
    {
        public List<string> Run(byte[] json, int skipEvery)
        {
            var trace = new List<string>();
            try
            {
                var reader = new Utf8JsonReader(json);
                while (reader.Read())
                {
                    var values = "";
                    if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                    {
                        try
                        {
                            values = "text " + reader.GetString();
                        }
                        catch (InvalidOperationException)
                        {
                            values = "text refused";
                        }
                    }
                    else if (reader.TokenType == JsonTokenType.Number)
                    {
                        values = Numbers(reader.TryGetInt64(out var l), l, reader.TryGetInt32(out var i), i, reader.TryGetDouble(out var d), d);
                    }
                    trace.Add(Describe(reader.TokenType, reader.ValueSpan, reader.ValueIsEscaped, values));
                    if (skipEvery > 0 && trace.Count % skipEvery == 0)
                    {
                        reader.Skip();
                        trace.Add("skipped to " + reader.TokenType);
                    }
                }
                trace.Add("end");
            }
            catch (JsonException)
            {
                trace.Add("error");
            }
            return trace;
        }
    }

    // The same steps as Framework's, written out again: the two readers are ref structs of unrelated types, which share
    // no interface and cannot be captured by a delegate.
    private sealed class Line : IReaderTrace
    {
        public List<string> Run(byte[] json, int skipEvery)
        {
            var trace = new List<string>();
            try
            {
                var reader = new JsonLineReader(json);
                while (reader.Read())
                {
                    var values = "";
                    if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                    {
                        try
                        {
                            values = "text " + reader.GetString();
                        }
                        catch (InvalidOperationException)
                        {
                            values = "text refused";
                        }
                    }
                    else if (reader.TokenType == JsonTokenType.Number)
                    {
                        values = Numbers(reader.TryGetInt64(out var l), l, reader.TryGetInt32(out var i), i, reader.TryGetDouble(out var d), d);
                    }
                    trace.Add(Describe(reader.TokenType, reader.ValueSpan, reader.ValueIsEscaped, values));
                    if (skipEvery > 0 && trace.Count % skipEvery == 0)
                    {
                        reader.Skip();
                        trace.Add("skipped to " + reader.TokenType);
                    }
                }
                trace.Add("end");
            }
            catch (JsonException)
            {
                trace.Add("error");
            }
            return trace;
        }
    }

    // ---- generated JSON ----

    private static readonly string[] Texts =
    [
        "", "a", "InternetMessageId", "\\u003cid@host\\u003e", "caf\u00e9", "\\u00e9", "\\ud83d\\ude00", "\\ud800", "line\\nbreak",
        "q\\\"uote", "back\\\\slash", "\\/", "\\b\\f\\r\\t", "\u4e2d\u6587", "S-1-5-21-1234567890", "00000003-0000-0000-c000-000000000000",
        "a long value that runs past one block of thirty-two bytes and then some more",
    ];

    private static readonly string[] NumberTexts =
    [
        "0", "-0", "1", "-1", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "12345678901234567890", "1.5", "-0.25", "1e3", "1E+3", "2e-3", "1e400", "-1e400", "0.000001", "308212",
    ];

    private static byte[] Generate(Random random)
    {
        var sb = new StringBuilder();
        Value(sb, random, 0);
        var bytes = Encoding.UTF8.GetBytes(sb.ToString()).ToList();
        // Raw bytes no UTF-8 text holds, inside strings: the readers pass them and refuse them only when asked for text.
        if (random.Next(8) == 0)
        {
            var quote = bytes.IndexOf((byte)'"');
            if (quote >= 0) bytes.Insert(quote + 1, 0xff);
        }
        return bytes.ToArray();
    }

    private static void Value(StringBuilder sb, Random random, int depth)
    {
        Space(sb, random);
        switch (depth > 6 ? random.Next(3) : random.Next(6))
        {
            case 0:
                sb.Append('"').Append(Texts[random.Next(Texts.Length)]).Append('"');
                break;
            case 1:
                sb.Append(NumberTexts[random.Next(NumberTexts.Length)]);
                break;
            case 2:
                sb.Append(random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" });
                break;
            case 3 or 4:
                sb.Append('{');
                var properties = random.Next(5);
                for (var i = 0; i < properties; i++)
                {
                    if (i > 0) sb.Append(',');
                    Space(sb, random);
                    sb.Append('"').Append(Texts[random.Next(Texts.Length)]).Append('"');
                    Space(sb, random);
                    sb.Append(':');
                    Value(sb, random, depth + 1);
                }
                Space(sb, random);
                sb.Append('}');
                break;
            default:
                sb.Append('[');
                var items = random.Next(5);
                for (var i = 0; i < items; i++)
                {
                    if (i > 0) sb.Append(',');
                    Value(sb, random, depth + 1);
                }
                Space(sb, random);
                sb.Append(']');
                break;
        }
        Space(sb, random);
    }

    private static void Space(StringBuilder sb, Random random)
    {
        if (random.Next(4) == 0) sb.Append(" \t\r\n"[random.Next(4)]);
    }
}

internal static class ByteLines
{
    /// <summary>The lines of a byte array, without their line feeds (and a carriage return before one).</summary>
    public static IEnumerable<byte[]> Lines(this byte[] bytes)
    {
        var start = 0;
        for (var i = 0; i <= bytes.Length; i++)
        {
            if (i < bytes.Length && bytes[i] != (byte)'\n') continue;
            var end = i > start && bytes[i - 1] == (byte)'\r' ? i - 1 : i;
            yield return bytes[start..end];
            start = i + 1;
        }
    }
}
