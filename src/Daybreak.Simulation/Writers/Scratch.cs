using System.Buffers;
using System.Text.Json;

namespace Daybreak.Simulation.Writers;

/// <summary>Serialises a nested value to a reusable buffer so it can be written as a JSON string (Log Analytics dynamic columns, CSV cells).</summary>
internal sealed class Scratch
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;

    public Scratch() => _writer = new Utf8JsonWriter(_buffer, JsonSink.WriterOptions);

    public ReadOnlySpan<byte> Render(Action<Utf8JsonWriter> write)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        write(_writer);
        _writer.Flush();
        return _buffer.WrittenSpan;
    }

    public void WriteAsString(Utf8JsonWriter target, string name, Action<Utf8JsonWriter> write) => target.WriteString(name, Render(write));
}
