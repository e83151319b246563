namespace Daybreak.Sources;

/// <summary>A file to read, or standard input ("-").</summary>
public sealed record InputSource(string Path)
{
    public const string StdinName = "-";

    /// <summary>What a command line parser that treats "-" as an option may pass instead of "-".</summary>
    public const string StdinAlias = "<stdin>";

    public bool IsStdin => Path is StdinName or StdinAlias;

    /// <summary>The name used in error reports and in the store.</summary>
    public string DisplayName => IsStdin ? "<stdin>" : Path;

    internal Stream OpenRaw(Stream? stdin) =>
        IsStdin ? stdin ?? Console.OpenStandardInput()
                : new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
}
