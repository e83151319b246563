namespace Daybreak.Sources;

/// <summary>A read-only forward stream that can look at its first bytes without consuming them (format sniffing on stdin and gzip).</summary>
internal sealed class PeekableStream(Stream inner) : ReadOnlyForwardStream(inner)
{
    private byte[] _pending = [];
    private int _pendingOffset;

    /// <summary>Returns up to <paramref name="count"/> next bytes without consuming them.</summary>
    public ReadOnlySpan<byte> Peek(int count)
    {
        var available = _pending.Length - _pendingOffset;
        if (available < count)
        {
            var buffer = new byte[count];
            _pending.AsSpan(_pendingOffset, available).CopyTo(buffer);
            var filled = available;
            while (filled < count)
            {
                var n = Inner.Read(buffer, filled, count - filled);
                if (n == 0) break;
                filled += n;
            }
            _pending = buffer[..filled];
            _pendingOffset = 0;
        }
        return _pending.AsSpan(_pendingOffset, Math.Min(count, _pending.Length - _pendingOffset));
    }

    public void Skip(int count)
    {
        Peek(count);
        _pendingOffset += Math.Min(count, _pending.Length - _pendingOffset);
    }

    public override int Read(Span<byte> buffer)
    {
        var available = _pending.Length - _pendingOffset;
        if (available > 0)
        {
            var n = Math.Min(available, buffer.Length);
            _pending.AsSpan(_pendingOffset, n).CopyTo(buffer);
            _pendingOffset += n;
            return n;
        }
        return Inner.Read(buffer);
    }

}
