using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Daybreak.Simulation.Writers;

/// <summary>A Utf8JsonWriter over a reusable buffer, drained to a stream in large chunks.</summary>
internal sealed class JsonSink : IDisposable
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 17);
    private readonly Stream _stream;

    public JsonSink(Stream stream)
    {
        _stream = stream;
        Writer = new Utf8JsonWriter(_buffer, Options);
    }

    public Utf8JsonWriter Writer { get; }

    public static JsonWriterOptions WriterOptions => Options;

    /// <summary>Ends one NDJSON line: the next value starts a fresh document.</summary>
    public void EndLine()
    {
        Writer.Flush();
        _buffer.Write("\n"u8);
        Writer.Reset(_buffer);
        DrainIfLarge();
    }

    public void Raw(ReadOnlySpan<byte> bytes)
    {
        Writer.Flush();
        _buffer.Write(bytes);
        Writer.Reset(_buffer);
    }

    public void DrainIfLarge()
    {
        if (_buffer.WrittenCount < 1 << 16) return;
        Writer.Flush();
        _stream.Write(_buffer.WrittenSpan);
        // No Reset here: mid-array the writer must remember that the next value needs a comma.
        _buffer.ResetWrittenCount();
    }

    public void Dispose()
    {
        Writer.Flush();
        _stream.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
        Writer.Dispose();
        _stream.Dispose();
    }
}
