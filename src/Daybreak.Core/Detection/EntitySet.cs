using System.Collections;
using System.Runtime.CompilerServices;

namespace Daybreak.Detection;

/// <summary>
/// One kind of entity of an <see cref="AlertEntities"/>: a set of strings in ordinal order, as a view of the owner's
/// slot (nothing of its own to allocate). The slot holds nothing, the single value, or a <see cref="SortedStrings"/> from the
/// second value on. Enumerating it in a <c>foreach</c> allocates nothing. A default
/// <c>EntitySet</c> belongs to no alert: it reads as empty and refuses additions.
/// </summary>
[CollectionBuilder(typeof(EntitySet), nameof(Create))]
public readonly struct EntitySet : IReadOnlyCollection<string>
{
    private readonly AlertEntities _owner;
    private readonly int _kind;

    internal EntitySet(AlertEntities owner, int kind)
    {
        _owner = owner;
        _kind = kind;
    }

    private object? Value => _owner is null ? null : _owner.Slot(_kind);

    /// <summary>Makes a collection expression typed as an entity set a compile error: it would have no alert to add to
    /// (<c>Assert.Equal(["a"], alert.Entities.Users)</c> infers one).</summary>
    [Obsolete("An EntitySet is a view of an alert's entities and cannot be made from a collection expression; compare with a string[].", error: true)]
    public static EntitySet Create(ReadOnlySpan<string> values) => throw new NotSupportedException();

    public int Count => Value switch
    {
        null => 0,
        string => 1,
        var set => ((SortedStrings)set).Count,
    };

    /// <summary>The first value in ordinal order; null when the set is empty.</summary>
    public string? Min => Value switch
    {
        null => null,
        string s => s,
        var set => ((SortedStrings)set).Min,
    };

    public bool Contains(string value) => Value switch
    {
        null => false,
        string s => string.Equals(s, value, StringComparison.Ordinal),
        var set => ((SortedStrings)set).Contains(value),
    };

    /// <summary>True when the set and <paramref name="values"/> share a value.</summary>
    public bool Overlaps(IEnumerable<string> values)
    {
        foreach (var v in values)
        {
            if (Contains(v)) return true;
        }
        return false;
    }

    /// <summary>Adds <paramref name="value"/> as it is; false when it was there already.</summary>
    public bool Add(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_owner is null) throw new InvalidOperationException("This entity set belongs to no alert.");
        ref var slot = ref _owner.Slot(_kind);
        switch (slot)
        {
            case null:
                slot = value;
                return true;
            case string s:
                if (string.Equals(s, value, StringComparison.Ordinal)) return false;
                slot = new SortedStrings(s, value);
                return true;
            default:
                return ((SortedStrings)slot).Add(value);
        }
    }

    public void UnionWith(IEnumerable<string> values)
    {
        if (values is EntitySet other) UnionWithSet(other);
        else
        {
            foreach (var v in values) Add(v);
        }
    }

    /// <summary>The union with another alert's set, sharing nothing with it: a set of many is copied in one step.</summary>
    internal void UnionWithSet(EntitySet other)
    {
        switch (other.Value)
        {
            case null:
                return;
            case string s:
                Add(s);
                return;
            case SortedStrings from:
                ref var slot = ref _owner.Slot(_kind);
                if (slot is SortedStrings into) into.UnionWith(from);
                else
                {
                    var copy = from.Copy();
                    if (slot is string one) copy.Add(one);
                    slot = copy;
                }
                return;
        }
    }

    public Enumerator GetEnumerator() => new(Value);

    IEnumerator<string> IEnumerable<string>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(", ", this);

    public struct Enumerator : IEnumerator<string>
    {
        private readonly string? _single;
        private readonly SortedStrings? _many;
        private readonly int _version;
        private int _next;

        internal Enumerator(object? value)
        {
            _single = value as string;
            _many = value as SortedStrings;
            _version = _many?.Version ?? 0;
        }

        public readonly string Current => _many is not null ? _many[_next - 1] : _single!;

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (_many is not null)
            {
                if (_many.Version != _version) throw new InvalidOperationException("The entity set changed while it was being enumerated.");
                if (_next >= _many.Count) return false;
                _next++;
                return true;
            }
            if (_next != 0 || _single is null) return false;
            _next = 1;
            return true;
        }

        public void Reset() => throw new NotSupportedException();

        public readonly void Dispose()
        {
        }
    }
}
