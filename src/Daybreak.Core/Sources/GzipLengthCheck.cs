namespace Daybreak.Sources;

/// <summary>
/// .NET's GZipStream ends quietly on a truncated file. A gzip member ends with ISIZE, its uncompressed length mod
/// 2^32; when the decompressed total falls short of the ISIZE read from the file's last four bytes, the file was
/// cut. (Concatenated members only ever make the total larger, so they are never reported.)
/// </summary>
internal sealed class GzipLengthCheck(Stream decompressed, uint expectedLength) : ReadOnlyForwardStream(decompressed)
{
    private long _total;

    public static Stream Wrap(Stream decompressed, Stream compressedFile)
    {
        if (compressedFile is not FileStream { CanSeek: true } file || file.Length < 18) return decompressed;
        var position = file.Position;
        Span<byte> trailer = stackalloc byte[4];
        file.Seek(-4, SeekOrigin.End);
        file.ReadExactly(trailer);
        file.Seek(position, SeekOrigin.Begin);
        return new GzipLengthCheck(decompressed, BitConverter.ToUInt32(trailer));
    }

    public override int Read(Span<byte> buffer)
    {
        var n = Inner.Read(buffer);
        _total += n;
        if (n == 0 && buffer.Length > 0 && (uint)_total < expectedLength)
            throw new InvalidDataException($"gzip data ends after {_total:N0} bytes but the file promises {expectedLength:N0}");
        return n;
    }

}
