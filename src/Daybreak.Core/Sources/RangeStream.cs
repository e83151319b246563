namespace Daybreak.Sources;

/// <summary>Reads at most a given number of bytes of an inner stream: the completed part of a file still being written.</summary>
internal sealed class RangeStream(Stream inner, long length) : ReadOnlyForwardStream(inner)
{
    private long _left = length;

    public override int Read(Span<byte> buffer)
    {
        if (_left <= 0) return 0;
        var n = Inner.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
        _left -= n;
        return n;
    }

}
