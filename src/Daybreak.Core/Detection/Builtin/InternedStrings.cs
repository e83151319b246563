namespace Daybreak.Detection.Builtin;

/// <summary>
/// Strings of few distinct values (tenants, formats, operations, codes, countries, a user's ids and names) numbered once
/// each, so that state kept per sign-in can hold a number instead of a reference. Grows with the distinct values seen,
/// which for these fields is the size of the tenant, not of the input.
/// </summary>
internal sealed class InternedStrings
{
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly List<string> _values = [];

    /// <summary>The last value numbered for one field (of one user, or of the whole input), to skip the lookup when
    /// the next is the same text: a user's sign-ins repeat their ids and names.</summary>
    public struct Last
    {
        internal string? Value;
        internal int Number;
    }

    /// <summary>The number of <paramref name="value"/>; -1 for null.</summary>
    public int Of(string? value)
    {
        if (value is null) return -1;
        if (!_numbers.TryGetValue(value, out var n))
        {
            _numbers[value] = n = _values.Count;
            _values.Add(value);
        }
        return n;
    }

    /// <summary><see cref="Of(string?)"/>, answered from <paramref name="last"/> when it is the same text.</summary>
    public int Of(string? value, ref Last last)
    {
        if (value is null) return -1;
        if (last.Value is not null && string.Equals(value, last.Value, StringComparison.Ordinal)) return last.Number;
        last.Number = Of(value);
        last.Value = this[last.Number];
        return last.Number;
    }

    public string? this[int number] => number < 0 ? null : _values[number];
}
