using Xunit;

namespace Daybreak.TestKit;

/// <summary>
/// Locates ../shared/corpus and ../shared/specs relative to the repository root. Tests that need them call
/// <see cref="RequireCorpus"/>: on a machine without the folder they skip with the missing path named, and when
/// CI=true they fail, so a CI run can never pass by silently skipping the real data.
/// </summary>
public static class Corpus
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SharedRoot => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string CorpusRoot => Path.Combine(SharedRoot, "corpus");

    public static string SpecsRoot => Path.Combine(SharedRoot, "specs");

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns the full path of a file or folder under ../shared, or skips (fails on CI) when it is absent.</summary>
    public static string Require(string relativeToShared)
    {
        var path = Path.Combine(SharedRoot, relativeToShared);
        if (File.Exists(path) || Directory.Exists(path)) return path;
        var message = $"shared data not found: {path} (clone the project beside its shared/ folder)";
        if (IsCi) Assert.Fail(message);
        throw new Xunit.SkipException(message);
    }

    public static string RequireCorpus(string relative) => Require(Path.Combine("corpus", relative));

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Daybreak.slnx"))) return dir.FullName;
            dir = dir.Parent;
        }
        throw new InvalidOperationException("repository root (Daybreak.slnx) not found above " + AppContext.BaseDirectory);
    }
}
