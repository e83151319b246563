using System.Text;
using Daybreak.Decoders;

namespace Daybreak.Tests.Decoders.Containers;

public sealed class NdjsonFramingTests
{
    [Fact]
    public void Bad_lines_are_reported_by_line_and_good_lines_still_read()
    {
        using var dir = new TempDir();
        var path = dir.Write("a.log",
            "{\"t\":\"2024-01-01T00:00:00Z\",\"id\":\"1\"}\r\n" +
            "\n" +
            "{\"t\":\"2024-01-01T00:00:01Z\",\"id\":\"2\"\n" +         // truncated
            "{\"t\":12,\"id\":\"3\"}\n" +                              // wrong type
            "{\"x\":1}\n" +                                           // unknown record type
            "[1,2]\n" +                                               // not an object
            "{\"t\":\"2024-01-01T00:00:05Z\",\"id\":\"6\"}");         // no trailing newline
        var (events, rejections) = TestNormaliser.Decode(path);

        Assert.Equal(["audit:1", "audit:6"], events.Select(e => e.RecordId));
        Assert.Equal([3L, 4L, 5L, 6L], rejections.Select(r => r.Line));
        Assert.Contains("malformed JSON", rejections[0].Reason);
        Assert.Contains("InvalidOperationException", rejections[1].Reason);
        Assert.StartsWith("unknown record type", rejections[2].Reason);
        Assert.Equal("record is not a JSON object", rejections[3].Reason);
        Assert.All(rejections, r => Assert.Equal(path, r.File));
        Assert.Equal(7, events[1].Position.Line);
    }

    [Fact]
    public void Raw_record_is_the_exact_line()
    {
        using var dir = new TempDir();
        const string line = "{ \"t\" : \"2024-01-01T00:00:00Z\",   \"name\":\"x\" }";
        var (events, _) = TestNormaliser.Decode(dir.Write("a.log", line + "\n" + line.Replace("x", "y") + "\n"));
        Assert.Equal(line, events[0].Raw);
    }

    [Fact]
    public void An_envelope_on_one_line_yields_its_records()
    {
        using var dir = new TempDir();
        var path = dir.Write("pages.json",
            "{\"@odata.context\":\"c\",\"value\":[{\"t\":\"2024-01-01T00:00:00Z\",\"id\":\"a\"},{\"t\":\"2024-01-01T00:00:01Z\",\"id\":\"b\"}],\"@odata.nextLink\":\"n\"}\n" +
            "{\"records\":[{\"t\":\"2024-01-01T00:00:02Z\",\"id\":\"c\"}]}\n");
        var (events, rejections) = TestNormaliser.Decode(path);
        Assert.Empty(rejections);
        Assert.Equal(["audit:a", "audit:b", "audit:c"], events.Select(e => e.RecordId));
        Assert.Equal("{\"t\":\"2024-01-01T00:00:01Z\",\"id\":\"b\"}", events[1].Raw);
        Assert.Equal(2, events[2].Position.Line);
    }

    [Fact]
    public void A_line_over_the_limit_is_skipped_and_reading_goes_on()
    {
        using var dir = new TempDir();
        var big = "{\"t\":\"2024-01-01T00:00:00Z\",\"name\":\"" + new string('A', 3 * 1024 * 1024) + "\"}";
        var path = dir.Write("big.log", big + "\n{\"t\":\"2024-01-01T00:00:01Z\",\"id\":\"after\"}\n");
        var (events, rejections) = TestNormaliser.Decode(path, new Daybreak.Decoders.DecodeOptions { MaxRecordBytes = 1024 * 1024 });
        Assert.Equal("audit:after", Assert.Single(events).RecordId);
        var rejection = Assert.Single(rejections);
        Assert.Equal(1, rejection.Line);
        Assert.Contains("longer than 1 MiB", rejection.Reason);
    }

    [Fact]
    public void A_50_MB_line_within_the_limit_is_read_whole()
    {
        using var dir = new TempDir();
        var sb = new StringBuilder(52 * 1024 * 1024);
        sb.Append("{\"t\":\"2024-01-01T00:00:00Z\",\"name\":\"").Append('x', 50 * 1024 * 1024).Append("\"}\n");
        sb.Append("{\"t\":\"2024-01-01T00:00:01Z\",\"id\":\"next\"}\n");
        var (events, rejections) = TestNormaliser.Decode(dir.Write("huge.log", sb.ToString()));
        Assert.Empty(rejections);
        Assert.Equal(50 * 1024 * 1024, events[0].Actor.DisplayName!.Length);
        Assert.Equal("audit:next", events[1].RecordId);
    }

    [Fact]
    public void A_value_that_is_no_text_reads_with_replacement_characters_and_its_record_is_kept()
    {
        // Bytes that are no UTF-8, and a lone surrogate escaped: the value keeps what can be read, U+FFFD for the rest,
        // so an attacker who controls one field cannot make their record disappear; the raw record is kept as read.
        using var dir = new TempDir();
        byte[] bytes =
        [
            .. "{\"t\":\"2024-01-01T00:00:00Z\",\"id\":\"bytes\",\"name\":\"bad "u8, 0xC3, 0x28, 0xFF,
            .. "\"}\n{\"t\":\"2024-01-01T00:00:01Z\",\"id\":\"escape\",\"name\":\"x\\ud800y\\u00e9\\ud83d\\ude00\"}\n"u8,
        ];
        var (events, rejections) = TestNormaliser.Decode(dir.Write("utf8.log", bytes));
        Assert.Empty(rejections);
        Assert.Equal(["audit:bytes", "audit:escape"], events.Select(e => e.RecordId));
        Assert.Equal("bad \uFFFD(\uFFFD", events[0].Actor.DisplayName);
        Assert.Equal("x\uFFFDy\u00e9\ud83d\ude00", events[1].Actor.DisplayName);
        Assert.Contains("x\\ud800y", events[1].Raw);
    }

    [Fact]
    public void Invalid_utf8_in_a_property_name_beside_an_array_reads_the_rest_of_the_file()
    {
        // The framer looks for envelope arrays ("value", "records") by property name: a name with invalid UTF-8 beside
        // an array value once threw from there, outside any one record, and ended the run.
        using var dir = new TempDir();
        byte[] bytes =
        [
            .. "{\"t\":\"2024-01-01T00:00:00Z\",\"id\":\"first\",\"Fol"u8, 0x8B, 0xC3, 0x28,
            .. "ders\":[{\"x\":1}]}\n{\"t\":\"2024-01-01T00:00:01Z\",\"id\":\"ok\"}\n"u8,
        ];
        var (events, rejections) = TestNormaliser.Decode(dir.Write("utf8-name.log", bytes));
        Assert.Equal(["audit:first", "audit:ok"], events.Select(e => e.RecordId));
        Assert.Empty(rejections);
    }

    [Theory]
    [InlineData("{\"va\\ud800lue\":[{\"x\":1}],\"t\":\"2024-01-01T00:00:00Z\",\"id\":\"first\"}\n{\"t\":\"2024-01-01T00:00:01Z\",\"id\":\"ok\"}\n")]
    [InlineData("{\"t\":\"2024-01-01T00:00:00Z\",\"id\":\"first\",\"\\udc00\":[]}\n{\"t\":\"2024-01-01T00:00:01Z\",\"id\":\"ok\"}\n")]
    public void A_lone_surrogate_escaped_in_a_property_name_beside_an_array_rejects_its_record_and_reads_the_rest(string text)
    {
        using var dir = new TempDir();
        var (events, rejections) = TestNormaliser.Decode(dir.Write("surrogate-name.log", text));
        Assert.Equal("audit:ok", Assert.Single(events).RecordId);
        var rejection = Assert.Single(rejections);
        Assert.Equal(1, rejection.Line);
        // The record itself cannot be read (its name is no text): it is rejected, saying why.
        Assert.Contains("surrogate", rejection.Reason);
    }

    [Fact]
    public void A_file_whose_first_name_is_a_lone_surrogate_is_still_read()
    {
        // Telling a Logs query API response (its first name "tables") from NDJSON reads the first name: escaped into no
        // text, it once threw while the file's container was being chosen, and the file was not read at all.
        using var dir = new TempDir();
        var (events, rejections) = TestNormaliser.Decode(dir.Write("first-name.json",
            "{\"\\ud800tables\":[1],\"t\":\"2024-01-01T00:00:00Z\"}\n{\"t\":\"2024-01-01T00:00:01Z\",\"id\":\"ok\"}\n"));
        Assert.Contains("audit:ok", events.Select(e => e.RecordId));
        Assert.Equal(2, events.Count + rejections.Count);
    }

    [Fact]
    public void An_unexpected_failure_while_framing_ends_that_input_with_a_rejection_not_the_run()
    {
        // Whatever a framer throws (here the stream, after its first lines), the input stops with a rejection that
        // names the line after the last one read and the reason; the records read before it are kept.
        // More lines than the container sniff reads ahead, so that the failure comes while framing.
        const int Lines = 3_000;
        var text = string.Concat(Enumerable.Range(0, Lines).Select(i => $"{{\"t\":\"2024-01-01T00:00:00Z\",\"id\":\"r{i}\"}}\n"));
        Assert.True(text.Length > 64 * 1024); // the sniff's read-ahead
        using var stdin = new FailingStream(Encoding.UTF8.GetBytes(text), new InvalidOperationException("the device went away"));
        var results = new FileDecoder(TestNormaliser.Registry(), new DecodeOptions()).Decode(new Sources.InputSource("-"), stdin).ToList();
        Assert.Equal(Enumerable.Range(0, Lines).Select(i => $"audit:r{i}"), results.Where(r => r.Event is not null).Select(r => r.Event!.RecordId));
        var rejection = Assert.Single(results, r => r.Rejection is not null).Rejection!;
        Assert.Equal(Lines + 1, rejection.Line);
        Assert.Contains("cannot be read past this point: InvalidOperationException: the device went away", rejection.Reason);
    }

    /// <summary>Gives its bytes, then throws on the next read.</summary>
    private sealed class FailingStream(byte[] bytes, Exception failure) : Stream
    {
        private int _at;
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_at >= bytes.Length) throw failure;
            var n = Math.Min(count, bytes.Length - _at);
            Array.Copy(bytes, _at, buffer, offset, n);
            _at += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _at; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
