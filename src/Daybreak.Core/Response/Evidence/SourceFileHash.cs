namespace Daybreak.Response.Evidence;

/// <summary>
/// A file the case ingested, hashed at export time: the case keeps paths, not copies, so the hash says what the file
/// holds now. <see cref="Sha256"/> is null, and <see cref="Status"/> says why, when the file can no longer be read.
/// </summary>
public sealed record SourceFileHash(string Path, long? Bytes, string? Sha256, string Status)
{
    public const string Hashed = "hashed at export";

    public const string Missing = "unavailable: file no longer present";

    /// <summary>Hashes a recorded path if the file is still there.</summary>
    public static SourceFileHash Of(string path)
    {
        try
        {
            if (!System.IO.File.Exists(path)) return new SourceFileHash(path, null, null, Missing);
            using var stream = System.IO.File.OpenRead(path);
            var hash = System.Security.Cryptography.SHA256.HashData(stream);
            return new SourceFileHash(path, stream.Length, Convert.ToHexStringLower(hash), Hashed);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new SourceFileHash(path, null, null, "unavailable: " + ex.Message);
        }
    }
}
