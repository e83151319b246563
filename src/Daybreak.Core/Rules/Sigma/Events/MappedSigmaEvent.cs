namespace Daybreak.Rules.Sigma;

/// <summary>Resolves Sigma field names through a <see cref="SigmaFieldMapping"/>: the first candidate path present wins.</summary>
public sealed class MappedSigmaEvent : ISigmaEvent
{
    private readonly ISigmaEvent _inner;
    private readonly SigmaFieldMapping _mapping;

    public MappedSigmaEvent(ISigmaEvent inner, SigmaFieldMapping mapping)
    {
        _inner = inner;
        _mapping = mapping;
    }

    public bool TryGetField(string name, out FieldValue value)
    {
        if (_mapping.TryGetPaths(name, out var paths))
        {
            foreach (var path in paths)
            {
                if (_inner.TryGetField(path, out value)) return true;
            }
            if (!_mapping.PassThroughUnmapped)
            {
                value = FieldValue.Null;
                return false;
            }
        }
        else if (!_mapping.PassThroughUnmapped)
        {
            value = FieldValue.Null;
            return false;
        }
        return _inner.TryGetField(name, out value);
    }

    public IEnumerable<FieldValue> AllValues() => _inner.AllValues();
}
