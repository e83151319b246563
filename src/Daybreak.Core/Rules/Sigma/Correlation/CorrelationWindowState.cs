using System.Globalization;
using Daybreak.Events;

namespace Daybreak.Rules.Sigma;

/// <summary>
/// Event-time windows of one correlation rule, per group-by key. Inputs arrive in event-time order (the correlator
/// reorders them). Two modes:
/// <list type="bullet">
/// <item>eager (counting with only gt/gte thresholds, temporal, temporal_ordered): a sliding window of length
/// timespan ending at the newest input; it fires as soon as the condition holds, then starts over;</item>
/// <item>at close (upper bounds such as lt/eq, sums, averages, percentiles): a window opened by the group's first input
/// and judged once, when event time passes its end or at flush, because such conditions can only be decided then.</item>
/// </list>
/// Group state is dropped once it can no longer contribute, so memory follows live keys only.
/// </summary>
internal sealed class CorrelationWindowState
{
    private readonly Dictionary<string, CorrelationGroup> _groups = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _expiry = new();
    private readonly SigmaCorrelation _definition;
    private readonly bool _eager;

    public CorrelationWindowState(CompiledCorrelation correlation)
    {
        Correlation = correlation;
        _definition = correlation.Definition;
        _eager = _definition.Type switch
        {
            SigmaCorrelationType.TemporalOrdered => true,
            SigmaCorrelationType.Temporal => _definition.Condition.Criteria.Count == 0 || _definition.Condition.IsLowerBoundOnly,
            SigmaCorrelationType.EventCount or SigmaCorrelationType.ValueCount => _definition.Condition.IsLowerBoundOnly,
            _ => false,
        };
    }

    public CompiledCorrelation Correlation { get; }

    public int LiveGroups => _groups.Count;

    public void Add(CorrelationInput input, List<SigmaCorrelationAlert> alerts)
    {
        var keyValues = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var groupField in _definition.GroupBy)
        {
            keyValues[groupField] = Text(input.Fields, Correlation.FieldFor(groupField, input.Source));
        }
        var key = string.Join('\u001f', keyValues.Values.Select(v => v ?? "\u0000"));
        if (!_groups.TryGetValue(key, out var group)) _groups[key] = group = new CorrelationGroup(keyValues);
        var entry = new CorrelationEntry(input.Time, input.FirstTime, input.Sequence, input.Positions, input.EventIds,
            MeasuredValue(input), MeasuredNumber(input));
        if (_eager)
        {
            var cutoff = EventTimes.Minus(input.Time, _definition.Timespan);
            group.Entries.RemoveAll(e => e.Time < cutoff);
            group.Entries.Add(entry);
            group.LastTime = input.Time;
            if (EvaluateEager(group) is { } alert)
            {
                alerts.Add(alert);
                group.Entries.Clear();
            }
            _expiry.Enqueue(key, EventTimes.Plus(input.Time, _definition.Timespan));
            return;
        }
        if (group.Entries.Count > 0 && input.Time > EventTimes.Plus(group.WindowStart, _definition.Timespan))
        {
            Close(group, alerts);
        }
        if (group.Entries.Count == 0)
        {
            group.WindowStart = input.Time;
            _expiry.Enqueue(key, EventTimes.Plus(input.Time, _definition.Timespan));
        }
        group.Entries.Add(entry);
        group.LastTime = input.Time;
    }

    /// <summary>Closes windows that ended before <paramref name="watermark"/> and forgets groups that can no longer fire.</summary>
    public void Expire(DateTimeOffset watermark, List<SigmaCorrelationAlert> alerts)
    {
        while (_expiry.TryPeek(out var key, out var end) && end < watermark)
        {
            _expiry.Dequeue();
            if (!_groups.TryGetValue(key, out var group)) continue;
            var actualEnd = EventTimes.Plus(_eager ? group.LastTime : group.WindowStart, _definition.Timespan);
            if (actualEnd >= watermark) continue;
            if (!_eager) Close(group, alerts);
            _groups.Remove(key);
        }
    }

    public void CloseAll(List<SigmaCorrelationAlert> alerts)
    {
        if (!_eager)
        {
            foreach (var group in _groups.Values.OrderBy(g => g.WindowStart)) Close(group, alerts);
        }
        _groups.Clear();
        _expiry.Clear();
    }

    private SigmaCorrelationAlert? EvaluateEager(CorrelationGroup group)
    {
        var entries = group.Entries;
        switch (_definition.Type)
        {
            case SigmaCorrelationType.EventCount:
                return _definition.Condition.IsSatisfiedBy(entries.Count) ? Alert(group, entries, entries.Count) : null;
            case SigmaCorrelationType.ValueCount:
                var distinct = DistinctValues(entries);
                return _definition.Condition.IsSatisfiedBy(distinct) ? Alert(group, entries, distinct) : null;
            case SigmaCorrelationType.Temporal:
                var covered = entries.SelectMany(e => e.Positions).Distinct().Count();
                var enough = _definition.Condition.Criteria.Count == 0
                    ? covered == _definition.Rules.Count
                    : _definition.Condition.IsSatisfiedBy(covered);
                return enough ? Alert(group, entries, covered) : null;
            case SigmaCorrelationType.TemporalOrdered:
                var chosen = new List<CorrelationEntry>();
                var next = 0;
                foreach (var entry in entries)
                {
                    if (!entry.Positions.Contains(next)) continue;
                    chosen.Add(entry);
                    if (++next == _definition.Rules.Count) return Alert(group, chosen, next);
                }
                return null;
            default:
                return null;
        }
    }

    private void Close(CorrelationGroup group, List<SigmaCorrelationAlert> alerts)
    {
        var entries = group.Entries;
        if (entries.Count == 0) return;
        var condition = _definition.Condition;
        switch (_definition.Type)
        {
            case SigmaCorrelationType.EventCount:
                if (condition.IsSatisfiedBy(entries.Count)) alerts.Add(Alert(group, entries, entries.Count));
                break;
            case SigmaCorrelationType.ValueCount:
                var distinct = DistinctValues(entries);
                if (condition.IsSatisfiedBy(distinct)) alerts.Add(Alert(group, entries, distinct));
                break;
            case SigmaCorrelationType.Temporal:
                var covered = entries.SelectMany(e => e.Positions).Distinct().Count();
                if (condition.IsSatisfiedBy(covered)) alerts.Add(Alert(group, entries, covered));
                break;
            case SigmaCorrelationType.ValueSum or SigmaCorrelationType.ValueAvg:
                var numbers = entries.Where(e => e.Number is not null).ToList();
                if (numbers.Count > 0)
                {
                    var sum = numbers.Sum(e => e.Number!.Value);
                    var measured = _definition.Type == SigmaCorrelationType.ValueSum ? sum : sum / numbers.Count;
                    if (condition.IsSatisfiedBy(measured)) alerts.Add(Alert(group, numbers, measured));
                }
                break;
            case SigmaCorrelationType.ValuePercentile:
                var withValue = entries.Where(e => e.Value is not null).ToList();
                foreach (var byValue in withValue.GroupBy(e => e.Value!, StringComparer.OrdinalIgnoreCase))
                {
                    var share = 100.0 * byValue.Count() / withValue.Count;
                    if (condition.IsSatisfiedBy(share)) alerts.Add(Alert(group, byValue.ToList(), share, byValue.Key));
                }
                break;
        }
        entries.Clear();
    }

    private static int DistinctValues(List<CorrelationEntry> entries) =>
        entries.Where(e => e.Value is not null).Select(e => e.Value!).Distinct(StringComparer.OrdinalIgnoreCase).Count();

    private SigmaCorrelationAlert Alert(CorrelationGroup group, List<CorrelationEntry> entries, double value, string? fieldValue = null) => new()
    {
        Rule = Correlation.Rule,
        GroupKey = group.Key,
        FirstSeen = entries.Min(e => e.FirstTime),
        LastSeen = entries.Max(e => e.Time),
        EventIds = entries.SelectMany(e => e.EventIds).Distinct(StringComparer.Ordinal).ToArray(),
        Value = value,
        FieldValue = fieldValue,
        IsStandaloneAlert = Correlation.Standalone,
    };

    private string? MeasuredValue(CorrelationInput input)
    {
        var fields = _definition.Condition.Fields;
        if (fields.Count == 0) return null;
        var parts = new string?[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            parts[i] = Text(input.Fields, Correlation.FieldFor(fields[i], input.Source));
            // value_count over several fields counts distinct combinations; a missing part means no value at all.
            if (parts[i] is null) return null;
        }
        return string.Join('\u001f', parts);
    }

    private double? MeasuredNumber(CorrelationInput input)
    {
        if (_definition.Condition.Fields.Count == 0) return null;
        var field = Correlation.FieldFor(_definition.Condition.Fields[0], input.Source);
        if (!input.Fields.TryGetField(field, out var value)) return null;
        if (value.Kind == FieldKind.Array && value.Items.Count > 0) value = value.Items[0];
        return value.TryGetNumber(out var number) ? number : null;
    }

    private static string? Text(ISigmaEvent evt, string field)
    {
        if (!evt.TryGetField(field, out var value)) return null;
        while (value.Kind == FieldKind.Array)
        {
            if (value.Items.Count == 0) return null;
            value = value.Items[0];
        }
        return value.Kind == FieldKind.Number && value.TryGetNumber(out var n) ? n.ToString(CultureInfo.InvariantCulture) : value.Text;
    }
}
