using System.Text;
using System.Text.Json;
using Daybreak.Decoders;

namespace Daybreak.Tests.Decoders;

/// <summary>
/// The text of an escaped string must be what the framework's reader gives for it, or nothing where the reader refuses
/// it: over generated tokens with escapes of every kind, raw control characters, text beyond ASCII and broken escapes
/// (Sigma's reading hands over strings nobody checked before).
/// </summary>
public sealed class JsonTextTests
{
    private static readonly string[] Pieces =
    [
        "a", "Z", "<", "@", " ", "\\u003c", "\\u003E", "\\u00e9", "\\ud83d\\ude00", "\\ud800", "\\n", "\\\"", "\\\\", "\\/",
        "\\b", "\\f", "\\r", "\\t", "\\x", "\\u12", "\\u12G4", "\t", "\u0001", "\u007f", "\u00e9", "\u4e2d",
    ];

    [Fact]
    public void Unescapes_as_the_framework_reader_or_declines_where_it_refuses()
    {
        var random = new Random(31);
        int read = 0, refused = 0;
        for (var i = 0; i < 20000; i++)
        {
            var inner = string.Concat(Enumerable.Range(0, random.Next(1, 8)).Select(_ => Pieces[random.Next(Pieces.Length)]));
            var quoted = Encoding.UTF8.GetBytes("\"" + inner + "\"");
            var expected = Framework(quoted);
            Assert.Equal(expected, JsonText.TryUnescape(quoted, out var text) ? text : null);
            if (expected is null) refused++;
            else read++;
        }
        Assert.True(read > 3000 && refused > 3000, $"{read} read, {refused} refused");
    }

    [Fact]
    public void Lenient_text_is_the_framework_reader_s_where_it_reads_and_replaces_only_what_it_refuses()
    {
        var random = new Random(37);
        for (var i = 0; i < 20000; i++)
        {
            var inner = string.Concat(Enumerable.Range(0, random.Next(1, 8)).Select(_ => Pieces[random.Next(Pieces.Length)]));
            var quoted = Encoding.UTF8.GetBytes("\"" + inner + "\"");
            var lenient = JsonText.Lenient(quoted);
            if (Framework(quoted) is { } expected) Assert.Equal(expected, lenient);
            // Whatever it was, the text is well-formed UTF-16: every surrogate in a pair.
            Assert.True(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(lenient)) == lenient, inner);
        }
    }

    [Theory]
    [InlineData("\"x\\ud800y\"", "x\uFFFDy")]
    [InlineData("\"\\udc00\\ud800\"", "\uFFFD\uFFFD")]
    [InlineData("\"\\ud83d\\ude00\"", "\ud83d\ude00")]
    [InlineData("\"a\\xb\"", "a\uFFFDxb")]
    [InlineData("\"a\\u12\"", "a\uFFFDu12")]
    [InlineData("\"a\\\"", "a\uFFFD")]
    [InlineData("\"\\u003cid@host\\u003e\"", "<id@host>")]
    public void Lenient_text_replaces_escapes_that_are_no_character(string token, string expected) =>
        Assert.Equal(expected, JsonText.Lenient(Encoding.UTF8.GetBytes(token)));

    [Fact]
    public void Lenient_text_replaces_bytes_that_are_no_utf8()
    {
        byte[] token = [(byte)'"', (byte)'a', 0xC3, 0x28, 0xFF, (byte)'\\', (byte)'n', 0xC3, 0xA9, (byte)'"'];
        Assert.Equal("a\uFFFD(\uFFFD\n\u00e9", JsonText.Lenient(token));
    }

    private static string? Framework(byte[] quoted)
    {
        try
        {
            var reader = new Utf8JsonReader(quoted);
            return reader.Read() ? reader.GetString() : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
