using Daybreak.Events;
using Daybreak.Rules.Sigma;

namespace Daybreak.Detection.Sigma;

/// <summary>
/// Runs a compiled Sigma rule set as a detection: routes each event to the rules of its log source, raises an alert
/// for every standalone match, and feeds matches to the rule set's correlations (event time, bounded lateness).
/// The event view is chosen by the caller: Daybreak's normalised view for its own rules, or the raw record behind a
/// field mapping for community rules.
/// </summary>
public sealed class SigmaDetection : IDetection
{
    private readonly SigmaEngine _engine;
    private readonly Func<AuditEvent, IReadOnlyList<SigmaLogSource>> _route;
    private readonly Func<AuditEvent, ISigmaEvent> _view;
    private readonly SigmaCorrelator _correlator;
    private readonly bool _community;
    // Entities of events that fed a correlation, so a correlation alert names who and what it is about.
    private readonly Dictionary<string, AlertEntities> _correlatedEntities = new(StringComparer.Ordinal);

    /// <param name="readsRawRecords">Whether <paramref name="view"/> reads the raw record (community rules do).</param>
    /// <param name="preread">The raw fields <paramref name="view"/> reads from every record, if it says.</param>
    /// <param name="community">Whether the rules are the community's (<see cref="Alert.Community"/>), not Daybreak's own.</param>
    public SigmaDetection(string name, SigmaEngine engine, Func<AuditEvent, IReadOnlyList<SigmaLogSource>> route,
        Func<AuditEvent, ISigmaEvent> view, SigmaCorrelatorOptions? correlation = null, bool readsRawRecords = false,
        Decoders.PrereadFields? preread = null, bool community = false)
    {
        _community = community;
        Name = name;
        ReadsRawRecords = readsRawRecords;
        Preread = preread;
        _engine = engine;
        _route = route;
        _view = view;
        _correlator = engine.CreateCorrelator(correlation);
    }

    public string Name { get; }

    public bool ReadsRawRecords { get; }

    public Decoders.PrereadFields? Preread { get; }

    public SigmaEngine Engine => _engine;

    public void Observe(AuditEvent evt, IAlertSink alerts)
    {
        var sources = _route(evt);
        if (sources.Count == 0) return;
        var view = _view(evt);
        try
        {
            ISigmaEvent? kept = null;
            foreach (var match in _engine.Evaluate(view, sources))
            {
                if (match.IsStandaloneAlert) alerts.Raise(FromMatch(match, evt));
                if (!_correlator.IsCorrelated(match.RuleId)) continue;
                _correlatedEntities.TryAdd(evt.RecordId, EntityExtractor.From(evt));
                // The correlator holds the event until its lateness has passed: give it a view of its own.
                kept ??= view is CommunitySigmaEvent community ? community.Detach() : view;
                foreach (var c in _correlator.Observe(match, new DateTimeOffset(evt.Time, TimeSpan.Zero), evt.RecordId, kept))
                    if (c.IsStandaloneAlert) alerts.Raise(FromCorrelation(c));
            }
        }
        finally
        {
            // Community views parse the raw record over pooled memory.
            (view as IDisposable)?.Dispose();
        }
    }

    public void Flush(IAlertSink alerts)
    {
        foreach (var c in _correlator.Flush())
            if (c.IsStandaloneAlert) alerts.Raise(FromCorrelation(c));
        _correlatedEntities.Clear();
    }

    private Alert FromMatch(SigmaMatch match, AuditEvent evt) => new()
    {
        Rule = match.RuleId,
        Title = match.Title,
        Severity = Severities.Parse(match.Level),
        Time = evt.Time,
        Techniques = match.Techniques,
        Entities = EntityExtractor.From(evt),
        Evidence = [evt.RecordId],
        Description = match.Rule.Description,
        Engine = "sigma",
        Community = _community,
    };

    private Alert FromCorrelation(SigmaCorrelationAlert c)
    {
        var entities = new AlertEntities();
        foreach (var id in c.EventIds)
            if (_correlatedEntities.TryGetValue(id, out var e)) entities.UnionWith(e);
        var group = string.Join(", ", c.GroupKey.Select(kv => kv.Key + "=" + kv.Value));
        return new Alert
        {
            Rule = c.RuleId,
            Title = c.Title,
            Severity = Severities.Parse(c.Level),
            Time = c.LastSeen.UtcDateTime,
            FirstSeen = c.FirstSeen.UtcDateTime,
            Techniques = c.Techniques,
            Entities = entities,
            Evidence = c.EventIds,
            Description = (c.Rule.Description is { } d ? d.Trim() + " " : "") + (group.Length > 0 ? $"({group}; value {c.Value})" : $"(value {c.Value})"),
            Engine = "sigma",
            Community = _community,
        };
    }
}
