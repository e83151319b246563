using System.Collections.Concurrent;
using System.Text;

namespace Daybreak.Rules.Sigma;

/// <summary>
/// A dotted Sigma field name split once, with the UTF-8 bytes of every run of its parts joined by dots: a lookup
/// compares a property's name with the one run it can equal (the run of its length, or of its dot count), so one
/// pass over an object finds the longest dotted key that names it (keys such as <c>AppRole.Id</c> hold dots themselves).
/// </summary>
internal sealed class FieldPath
{
    // Field names come from rules and mappings, so the set is small; the cap only guards against odd callers.
    private static readonly ConcurrentDictionary<string, FieldPath> Cache = new(StringComparer.Ordinal);
    private const int CacheLimit = 10_000;

    private readonly string[] _runs;
    private readonly byte[]?[] _utf8Runs;
    private readonly int[] _runHashes;   // PropertyIndex.Hash of each ASCII run
    private readonly (int Lower, int Upper)[] _firstBytes;   // per part: its first character as ASCII bytes, or -1

    private FieldPath(string name)
    {
        Name = name;
        Parts = name.Split('.');
        var n = Parts.Length;
        _runs = new string[n * n];
        _utf8Runs = new byte[n * n][];
        _runHashes = new int[n * n];
        for (var index = 0; index < n; index++)
        for (var length = 1; index + length <= n; length++)
        {
            var run = length == 1 ? Parts[index] : string.Join('.', Parts, index, length);
            _runs[index * n + length - 1] = run;
            // Only ASCII runs are compared as bytes; others go through string comparison, as they always did.
            _utf8Runs[index * n + length - 1] = Ascii.IsValid(run) ? Encoding.ASCII.GetBytes(run) : null;
            if (_utf8Runs[index * n + length - 1] is { } ascii) _runHashes[index * n + length - 1] = PropertyIndex.Hash(ascii);
        }
        _firstBytes = [.. Parts.Select(p => p.Length > 0 && char.IsAscii(p[0]) ? ((int)char.ToLowerInvariant(p[0]), (int)char.ToUpperInvariant(p[0])) : (-1, -1))];
    }

    public string Name { get; }

    public string[] Parts { get; }

    public static FieldPath Of(string name)
    {
        if (Cache.TryGetValue(name, out var path)) return path;
        path = new FieldPath(name);
        if (Cache.Count < CacheLimit) Cache.TryAdd(name, path);
        return path;
    }

    /// <summary>Parts <paramref name="index"/> .. <paramref name="index"/>+<paramref name="length"/>-1 joined by dots.</summary>
    public string Run(int index, int length) => _runs[index * Parts.Length + length - 1];

    /// <summary>The same as ASCII bytes, or null when the run is not ASCII.</summary>
    public byte[]? AsciiRun(int index, int length) => _utf8Runs[index * Parts.Length + length - 1];

    /// <summary>The run's <see cref="PropertyIndex.Hash"/> when it is ASCII.</summary>
    public int RunHash(int index, int length) => _runHashes[index * Parts.Length + length - 1];

    /// <summary>
    /// False when a property whose raw UTF-8 name starts with <paramref name="first"/> cannot equal any run from
    /// <paramref name="index"/>, case-insensitively or not: every run starts with that part's first character. A
    /// name that starts with an escape or a non-ASCII byte may decode to anything, so it always may.
    /// </summary>
    public bool MayStartWith(int index, byte first)
    {
        var (lower, upper) = _firstBytes[index];
        return lower < 0 || first >= 0x80 || first == '\\' || first == lower || first == upper;
    }

    /// <summary>
    /// How many parts from <paramref name="index"/> make a run of exactly <paramref name="chars"/> characters, or 0.
    /// At most one count does: each further part adds a dot at least. Names only compare equal, case-insensitively or
    /// not, at equal length, so a name of any other length needs no comparison at all.
    /// </summary>
    public int PartsOfLength(int index, int chars)
    {
        var n = Parts.Length;
        for (var length = 1; index + length <= n; length++)
        {
            var runLength = _runs[index * n + length - 1].Length;
            if (runLength == chars) return length;
            if (runLength > chars) return 0;
        }
        return 0;
    }
}
