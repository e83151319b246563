namespace Daybreak.Sources;

/// <summary>A file to read, or standard input ("-"); optionally only a byte range of a growing file (<c>watch</c>).</summary>
public sealed record InputSource(string Path)
{
    public const string StdinName = "-";

    /// <summary>What a command line parser that treats "-" as an option may pass instead of "-".</summary>
    public const string StdinAlias = "<stdin>";

    public bool IsStdin => Path is StdinName or StdinAlias;

    /// <summary>The name used in error reports and in the store.</summary>
    public string DisplayName => IsStdin ? "<stdin>" : Path;

    /// <summary>First byte to read.</summary>
    public long Start { get; init; }

    /// <summary>Byte after the last one to read; null reads to the end.</summary>
    public long? End { get; init; }

    /// <summary>Lines before <see cref="Start"/>, so reported line numbers stay those of the whole file.</summary>
    public long LineOffset { get; init; }

    internal Stream OpenRaw(Stream? stdin)
    {
        if (IsStdin) return stdin ?? Console.OpenStandardInput();
        var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        if (Start == 0 && End is null) return file;
        file.Position = Start;
        return new RangeStream(file, (End ?? file.Length) - Start);
    }
}
