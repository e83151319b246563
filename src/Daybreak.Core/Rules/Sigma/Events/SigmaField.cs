using System.Collections.Concurrent;

namespace Daybreak.Rules.Sigma;

/// <summary>
/// A field name that compiled rules ask events for, numbered once per process: an event can then remember its answers
/// in an array indexed by <see cref="Id"/> instead of a table keyed by the name's text (SigmaHQ's cloud rules ask a
/// sign-in 29 times for 14 names, and hashing the names was a good part of the Sigma stage).
/// </summary>
public sealed class SigmaField
{
    private static readonly ConcurrentDictionary<string, SigmaField> All = new(StringComparer.Ordinal);
    private static int s_count;

    private SigmaField(string name, int id)
    {
        Name = name;
        Id = id;
    }

    public string Name { get; }

    /// <summary>From 0, below <see cref="Count"/>.</summary>
    public int Id { get; }

    /// <summary>Ids given so far (an array of this length has a place for every field).</summary>
    public static int Count => Volatile.Read(ref s_count);

    /// <summary>The one field of this name (names are compared exactly, as rules spell them).</summary>
    public static SigmaField Of(string name) =>
        All.TryGetValue(name, out var field) ? field : All.GetOrAdd(name, static n => new SigmaField(n, Interlocked.Increment(ref s_count) - 1));

    public override string ToString() => Name;
}
