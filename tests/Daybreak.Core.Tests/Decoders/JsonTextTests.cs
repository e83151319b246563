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
