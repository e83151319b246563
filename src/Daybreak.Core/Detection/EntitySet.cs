using System.Collections;
using System.Runtime.CompilerServices;

namespace Daybreak.Detection;

/// <summary>
/// One kind of entity of an <see cref="AlertEntities"/>: a set of strings in ordinal order, as a view of the owner's
/// slot (nothing of its own to allocate). The slot holds nothing, the single value, or a sorted set from the second
/// value on. Enumerating it in a <c>foreach</c> allocates nothing unless it holds two values or more. A default
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
        var set => ((SortedSet<string>)set).Count,
    };

    /// <summary>The first value in ordinal order; null when the set is empty.</summary>
    public string? Min => Value switch
    {
        null => null,
        string s => s,
        var set => ((SortedSet<string>)set).Min,
    };

    public bool Contains(string value) => Value switch
    {
        null => false,
        string s => string.Equals(s, value, StringComparison.Ordinal),
        var set => ((SortedSet<string>)set).Contains(value),
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
                slot = new SortedSet<string>(StringComparer.Ordinal) { s, value };
                return true;
            default:
                return ((SortedSet<string>)slot).Add(value);
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
            case SortedSet<string> from:
                ref var slot = ref _owner.Slot(_kind);
                if (slot is SortedSet<string> into) into.UnionWith(from);
                else
                {
                    var copy = new SortedSet<string>(from, StringComparer.Ordinal);
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
        private SortedSet<string>.Enumerator _many;
        private readonly bool _isMany;
        private int _state;

        internal Enumerator(object? value)
        {
            _single = value as string;
            if (value is SortedSet<string> set)
            {
                _many = set.GetEnumerator();
                _isMany = true;
            }
        }

        public readonly string Current => _isMany ? _many.Current : _single!;

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (_isMany) return _many.MoveNext();
            if (_state != 0 || _single is null) return false;
            _state = 1;
            return true;
        }

        public void Reset() => throw new NotSupportedException();

        public void Dispose()
        {
            if (_isMany) _many.Dispose();
        }
    }
}
