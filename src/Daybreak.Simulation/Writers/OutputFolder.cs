using System.IO.Compression;

namespace Daybreak.Simulation.Writers;

/// <summary>Opens output files under the root folder and keeps the list of what was written.</summary>
internal sealed class OutputFolder(string root)
{
    public List<FileEntry> Files { get; } = [];

    public string Root { get; } = root;

    public (Stream Stream, FileEntry Entry) Open(string relative, LogSource source, string tenant, string format, string stream, bool gzip)
    {
        if (gzip) relative += ".gz";
        var full = Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        Stream s = new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        if (gzip) s = new GZipStream(s, CompressionLevel.Fastest);
        var entry = new FileEntry { Path = relative, Source = source, Tenant = tenant, Format = format, Stream = stream, Gzip = gzip };
        Files.Add(entry);
        return (s, entry);
    }
}
