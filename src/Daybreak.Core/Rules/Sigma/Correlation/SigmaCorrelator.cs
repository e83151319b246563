using Daybreak.Events;

namespace Daybreak.Rules.Sigma;

/// <summary>
/// A stateful correlation session over event time (never the wall clock). Phase one: <see cref="Observe"/> every
/// rule match with its event's time, id and fields; phase two: <see cref="Flush"/> at the end of input. Matches are
/// held in a reorder buffer until event time has moved <see cref="SigmaCorrelatorOptions.AllowedLateness"/> past
/// them, so out-of-order input within that lateness gives the same alerts as sorted input. Not thread-safe: use one
/// session per stream (or per partition of tenants / entities).
/// </summary>
public sealed class SigmaCorrelator
{
    private readonly SigmaCorrelatorOptions _options;
    private readonly Dictionary<string, List<(CompiledCorrelation Target, int[] Positions)>> _consumers;
    private readonly List<CorrelationWindowState> _states;
    private readonly Dictionary<CompiledCorrelation, CorrelationWindowState> _stateOf = new();
    private readonly PriorityQueue<CorrelationInput, (DateTimeOffset, long)> _pending = new();
    private DateTimeOffset _maxTime = DateTimeOffset.MinValue;
    private DateTimeOffset _releasedUpTo = DateTimeOffset.MinValue;
    private long _sequence;

    internal SigmaCorrelator(IReadOnlyList<CompiledCorrelation> correlations, SigmaCorrelatorOptions options)
    {
        options.Validate();
        _options = options;
        _states = correlations.OrderBy(c => c.Order).Select(c => new CorrelationWindowState(c)).ToList();
        foreach (var state in _states) _stateOf[state.Correlation] = state;
        _consumers = new Dictionary<string, List<(CompiledCorrelation, int[])>>(StringComparer.Ordinal);
        foreach (var correlation in correlations)
        {
            foreach (var id in correlation.RuleIds.Where(i => i is not null).Distinct())
            {
                if (!_consumers.TryGetValue(id!, out var list)) _consumers[id!] = list = [];
                list.Add((correlation, correlation.PositionsOf(id!)));
            }
        }
    }

    /// <summary>Matches that arrived later than the allowed lateness and were not correlated.</summary>
    public long LateMatches { get; private set; }

    /// <summary>Group keys currently holding state, over all correlations (what memory is proportional to).</summary>
    public int LiveGroups => _states.Sum(s => s.LiveGroups);

    /// <summary>Matches waiting in the reorder buffer.</summary>
    public int Pending => _pending.Count;

    /// <summary>Whether any correlation listens to this rule (lets callers skip work for other matches).</summary>
    public bool IsCorrelated(string ruleId) => _consumers.ContainsKey(ruleId);

    /// <summary>Feeds one detection match. Returns the correlation alerts that became certain because event time moved on.</summary>
    public IReadOnlyList<SigmaCorrelationAlert> Observe(SigmaMatch match, DateTimeOffset eventTime, string eventId, ISigmaEvent evt)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(evt);
        if (!_consumers.TryGetValue(match.RuleId, out var consumers)) return [];
        if (eventTime < _releasedUpTo)
        {
            LateMatches++;
            return [];
        }
        foreach (var (target, positions) in consumers)
        {
            Enqueue(new CorrelationInput(target, match.Rule, positions, eventTime, eventTime, _sequence++, [eventId], evt));
        }
        if (eventTime > _maxTime) _maxTime = eventTime;
        var alerts = new List<SigmaCorrelationAlert>();
        Advance(EventTimes.Minus(_maxTime, _options.AllowedLateness), alerts);
        return alerts;
    }

    /// <summary>End of input: releases everything held back and judges every open window.</summary>
    public IReadOnlyList<SigmaCorrelationAlert> Flush()
    {
        var alerts = new List<SigmaCorrelationAlert>();
        Drain(DateTimeOffset.MaxValue, alerts);
        // Dependency order: a referenced correlation closes (and feeds its parents) before its parents close.
        foreach (var state in _states)
        {
            var closed = new List<SigmaCorrelationAlert>();
            state.CloseAll(closed);
            Emit(closed, alerts);
            Drain(DateTimeOffset.MaxValue, alerts);
        }
        return alerts;
    }

    private void Advance(DateTimeOffset watermark, List<SigmaCorrelationAlert> alerts)
    {
        Drain(watermark, alerts);
        foreach (var state in _states)
        {
            var expired = new List<SigmaCorrelationAlert>();
            state.Expire(watermark, expired);
            if (expired.Count == 0) continue;
            Emit(expired, alerts);
            Drain(watermark, alerts);
        }
    }

    private void Drain(DateTimeOffset limit, List<SigmaCorrelationAlert> alerts)
    {
        while (_pending.TryPeek(out var input, out var priority) && priority.Item1 <= limit)
        {
            _pending.Dequeue();
            if (input.Time > _releasedUpTo) _releasedUpTo = input.Time;
            var produced = new List<SigmaCorrelationAlert>();
            _stateOf[input.Target].Add(input, produced);
            Emit(produced, alerts);
        }
    }

    /// <summary>Reports alerts and feeds them to correlations that reference this correlation (chaining).</summary>
    private void Emit(List<SigmaCorrelationAlert> produced, List<SigmaCorrelationAlert> alerts)
    {
        foreach (var alert in produced)
        {
            alerts.Add(alert);
            if (!_consumers.TryGetValue(alert.RuleId, out var parents)) continue;
            var fields = new DictionarySigmaEvent(alert.GroupKey.ToDictionary(kv => kv.Key, kv => FieldValue.FromString(kv.Value), StringComparer.OrdinalIgnoreCase));
            foreach (var (target, positions) in parents)
            {
                Enqueue(new CorrelationInput(target, alert.Rule, positions, alert.LastSeen, alert.FirstSeen, _sequence++, alert.EventIds, fields));
            }
        }
    }

    private void Enqueue(CorrelationInput input) => _pending.Enqueue(input, (input.Time, input.Sequence));
}
