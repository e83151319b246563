using System.IO.Compression;
using System.Text;

namespace Daybreak.Tests.Decoders.Containers;

public sealed class InputOpeningTests
{
    private const string Ndjson = "{\"t\":\"2024-01-01T00:00:00Z\",\"id\":\"1\"}\n{\"t\":\"2024-01-01T00:00:01Z\",\"id\":\"2\"}\n";

    private static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(data);
        return ms.ToArray();
    }

    [Fact]
    public void Gzip_is_detected_by_content_not_name()
    {
        using var dir = new TempDir();
        var (events, rejections) = TestNormaliser.Decode(dir.Write("no-extension", Gzip(Encoding.UTF8.GetBytes(Ndjson))));
        Assert.Empty(rejections);
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public void Truncated_gzip_keeps_what_was_read_and_names_the_problem()
    {
        using var dir = new TempDir();
        var many = string.Concat(Enumerable.Range(0, 20000).Select(i => $"{{\"t\":\"2024-01-01T00:00:00Z\",\"id\":\"{i}\",\"name\":\"{Guid.NewGuid()}\"}}\n"));
        var gz = Gzip(Encoding.UTF8.GetBytes(many));
        var (events, rejections) = TestNormaliser.Decode(dir.Write("cut.gz", gz[..(gz.Length / 2)]));
        Assert.InRange(events.Count, 1, 19999);
        var error = Assert.Single(rejections);
        Assert.Contains("cannot be read past this point", error.Reason);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Utf16_with_bom_is_transcoded(bool bigEndian)
    {
        using var dir = new TempDir();
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        var (events, rejections) = TestNormaliser.Decode(dir.Write("u16.json", [.. encoding.GetPreamble(), .. encoding.GetBytes(Ndjson)]));
        Assert.Empty(rejections);
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public void Utf8_bom_is_skipped()
    {
        using var dir = new TempDir();
        var (events, _) = TestNormaliser.Decode(dir.Write("bom.json", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Ndjson)]));
        Assert.Equal(2, events.Count);
    }

    [Theory]
    [InlineData("", "empty file")]
    [InlineData("   \n\n", "empty file")]
    [InlineData("hello world\nthis is prose\n", "not a log file")]
    public void Files_that_are_no_log_get_one_clear_error(string content, string reason)
    {
        using var dir = new TempDir();
        var path = dir.Write("x.txt", content);
        var (events, rejections) = TestNormaliser.Decode(path);
        Assert.Empty(events);
        var error = Assert.Single(rejections);
        Assert.Equal(0, error.Line);
        Assert.StartsWith(reason, error.Reason);
    }

    [Fact]
    public void Binary_content_is_not_a_log()
    {
        using var dir = new TempDir();
        var (_, rejections) = TestNormaliser.Decode(dir.Write("x.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]));
        Assert.Contains("binary", Assert.Single(rejections).Reason);
    }
}
