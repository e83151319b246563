namespace Daybreak.Sources;

/// <summary>Expands the paths a user named into files: folders recursively, in ordinal order so runs are repeatable.</summary>
public static class InputExpander
{
    /// <summary>Yields every file under the given paths; a path that does not exist is reported through <paramref name="missing"/>.</summary>
    /// <remarks>Files in <c>exclude</c> are never read, such as the case file itself when it lies in the folder being hunted.</remarks>
    public static IReadOnlyList<InputSource> Expand(IEnumerable<string> paths, Action<string>? missing = null, IReadOnlyCollection<string>? exclude = null)
    {
        var skip = new HashSet<string>((exclude ?? []).Select(Path.GetFullPath), StringComparer.Ordinal);
        var result = new List<InputSource>();
        foreach (var path in paths)
        {
            if (path is InputSource.StdinName or InputSource.StdinAlias) { result.Add(new InputSource(path)); continue; }
            if (File.Exists(path)) { result.Add(new InputSource(path)); continue; }
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", new EnumerationOptions
                {
                    RecurseSubdirectories = true,
                    IgnoreInaccessible = true,
                    AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
                }).ToList();
                files.Sort(StringComparer.Ordinal);
                result.AddRange(files.Where(f => !skip.Contains(Path.GetFullPath(f))).Select(f => new InputSource(f)));
                continue;
            }
            missing?.Invoke(path);
        }
        return result;
    }
}
