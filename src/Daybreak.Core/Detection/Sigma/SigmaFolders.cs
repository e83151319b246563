namespace Daybreak.Detection.Sigma;

/// <summary>
/// Finds the data folders Daybreak ships (mappings/, rules/): beside the program (the CLI build copies them there),
/// else in the enclosing repository checkout (a folder holding Daybreak.slnx), so tests and `dotnet run` work too.
/// </summary>
public static class SigmaFolders
{
    public const string Mappings = "mappings";

    public const string Rules = "rules";

    /// <summary>The full path of a shipped data folder, or null when none is found.</summary>
    public static string? Find(string name, string? startDirectory = null)
    {
        var beside = Path.Combine(AppContext.BaseDirectory, name);
        if (Directory.Exists(beside)) return beside;
        foreach (var start in new[] { startDirectory, AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, name);
                if (File.Exists(Path.Combine(dir.FullName, "Daybreak.slnx")) && Directory.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
