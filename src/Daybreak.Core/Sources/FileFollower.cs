namespace Daybreak.Sources;

/// <summary>
/// Follows a folder as files appear and grow (polling, which works on every file system and on network shares
/// where change notifications do not). NDJSON files are read line by line as lines are completed; any other file
/// (a JSON document, a CSV, anything gzipped) is read whole once its size has not changed for
/// <c>stablePolls</c> polls, since only NDJSON can be read before the writer is done. A whole file that grows again
/// is read again, skipping the records already taken from it.
/// </summary>
public sealed class FileFollower(string directory, IReadOnlyCollection<string>? exclude = null, int stablePolls = 2)
{
    private readonly Dictionary<string, FileState> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _exclude = new((exclude ?? []).Select(Path.GetFullPath), StringComparer.Ordinal);

    /// <summary>True when the last poll saw any file appear or change size, complete or not.</summary>
    public bool Changed { get; private set; }

    /// <summary>One poll: the new complete data of every file, as chunks to decode.</summary>
    public IReadOnlyList<FileChunk> Poll()
    {
        Changed = false;
        var chunks = new List<FileChunk>();
        if (!Directory.Exists(directory)) return chunks;
        var paths = Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Where(p => !_exclude.Contains(Path.GetFullPath(p))).Order(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            long length;
            try { length = new FileInfo(path).Length; } catch (IOException) { continue; }
            if (!_files.TryGetValue(path, out var state)) _files[path] = state = new FileState();
            if (length != state.LastLength) { Changed = true; state.StableFor = 0; }
            else state.StableFor++;
            state.LastLength = length;
            if (length == 0) continue;
            if (length < state.Offset) { state.Offset = 0; state.Line = 0; state.WholeRecords = 0; state.WholeLength = -1; } // rewritten

            state.IsNdjson ??= SniffNdjson(path);
            if (state.IsNdjson == true)
            {
                var end = LastNewline(path, state.Offset, length);
                if (end <= state.Offset) continue;
                chunks.Add(new FileChunk(path, state.Offset, end, state.Line, 0, Whole: false));
                state.Line += CountLines(path, state.Offset, end);
                state.Offset = end;
            }
            else if (state.StableFor >= stablePolls && length != state.WholeLength)
            {
                // Not NDJSON, or undecided (no newline yet): read whole once the writer seems done.
                chunks.Add(new FileChunk(path, 0, length, 0, state.WholeRecords, Whole: true));
                state.WholeLength = length;
            }
        }
        return chunks;
    }

    /// <summary>Records taken so far from a whole-file chunk, so a reread after growth skips them.</summary>
    public void RecordsRead(FileChunk chunk, long records)
    {
        if (chunk.Whole && _files.TryGetValue(chunk.Path, out var state)) state.WholeRecords = Math.Max(state.WholeRecords, records);
    }

    /// <summary>NDJSON or not, by the same content rules as a bulk read; undecided until the first line is complete.</summary>
    private static bool? SniffNdjson(string path)
    {
        var head = new byte[Decoders.Containers.ContainerDetector.SniffBytes];
        int n;
        using (var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete)) n = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b) return false;
        if (n < head.Length && head.AsSpan(0, n).IndexOf((byte)'\n') < 0) return null;
        return Decoders.Containers.ContainerDetector.Detect(head.AsSpan(0, n), out _) == Decoders.ContainerKind.Ndjson;
    }

    private static long LastNewline(string path, long from, long to)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var buffer = new byte[64 * 1024];
        var end = to;
        while (end > from)
        {
            var start = Math.Max(from, end - buffer.Length);
            f.Position = start;
            var n = f.Read(buffer, 0, (int)(end - start));
            var i = buffer.AsSpan(0, n).LastIndexOf((byte)'\n');
            if (i >= 0) return start + i + 1;
            end = start;
        }
        return from;
    }

    private static long CountLines(string path, long from, long to)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete) { Position = from };
        var buffer = new byte[64 * 1024];
        long lines = 0, left = to - from;
        while (left > 0)
        {
            var n = f.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0) break;
            lines += buffer.AsSpan(0, n).Count((byte)'\n');
            left -= n;
        }
        return lines;
    }

    private sealed class FileState
    {
        public long Offset;
        public long Line;
        public long LastLength = -1;
        public int StableFor;
        public bool? IsNdjson;
        public long WholeLength = -1;
        public long WholeRecords;
    }
}

/// <summary>
/// A byte range of a file holding complete records; <see cref="FirstLine"/> is the number of lines before it, and
/// <see cref="SkipRecords"/> the records of a reread whole file (<see cref="Whole"/>) that were already taken.
/// </summary>
public sealed record FileChunk(string Path, long Start, long End, long FirstLine, long SkipRecords, bool Whole);
