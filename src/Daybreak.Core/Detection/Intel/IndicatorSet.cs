namespace Daybreak.Detection.Intel;

/// <summary>Imported indicators indexed by kind and normalised value, for matching on the hunt's hot path.</summary>
public sealed class IndicatorSet
{
    private readonly Dictionary<(IndicatorKind, string), List<Indicator>> _byValue = [];

    public IndicatorSet(IEnumerable<Indicator> indicators)
    {
        foreach (var i in indicators)
        {
            var key = (i.Kind, i.Value);
            if (!_byValue.TryGetValue(key, out var list)) _byValue[key] = list = [];
            if (!list.Contains(i)) list.Add(i);
            Count++;
        }
    }

    public static IndicatorSet Empty { get; } = new([]);

    public int Count { get; }

    public bool IsEmpty => Count == 0;

    /// <summary>The indicators for this raw value (normalised here), valid at <paramref name="time"/>.</summary>
    public IEnumerable<Indicator> Match(IndicatorKind kind, string? value, DateTime time)
    {
        if (value is null || _byValue.Count == 0) return [];
        var normal = IndicatorKinds.Normalise(kind, value);
        return normal is not null && _byValue.TryGetValue((kind, normal), out var list) ? list.Where(i => i.IsValidAt(time)) : [];
    }
}
