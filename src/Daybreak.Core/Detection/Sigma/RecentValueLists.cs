using Daybreak.Rules.Sigma;

namespace Daybreak.Detection.Sigma;

/// <summary>
/// The multi-valued field values a mapping made lately, to hand out again. A field built of several parts (a sign-in's
/// outcome beside its status object) or a value with its alias beside it repeats from record to record, its texts the
/// same strings from the decoder's cache; making a list for every record was most of the arrays SigmaHQ's cloud rules
/// allocated. A list equal to a recent one, value by value with texts compared by reference, is that one again.
/// Lists are never changed once made, so threads share them; a slot is one reference, read and written whole.
/// </summary>
internal sealed class RecentValueLists
{
    private const int Slots = 8;
    private readonly FieldValue[]?[] _recent = new FieldValue[Slots][];
    private int _next;

    /// <summary>A recent list equal to <paramref name="values"/>, else a copy of them, kept as recent.</summary>
    public FieldValue[] Share(ReadOnlySpan<FieldValue> values)
    {
        foreach (var recent in _recent)
        {
            if (recent is not null && Same(recent, values)) return recent;
        }
        var made = values.ToArray();
        var slot = (int)((uint)Interlocked.Increment(ref _next) % Slots);
        Volatile.Write(ref _recent[slot], made);
        return made;
    }

    private static bool Same(FieldValue[] recent, ReadOnlySpan<FieldValue> values)
    {
        if (recent.Length != values.Length) return false;
        for (var i = 0; i < recent.Length; i++)
        {
            if (!recent[i].IsSameAs(values[i])) return false;
        }
        return true;
    }
}
