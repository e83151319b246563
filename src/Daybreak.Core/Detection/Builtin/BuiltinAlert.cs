using Daybreak.Events;

namespace Daybreak.Detection.Builtin;

/// <summary>Builds the alerts of the built-in detections: rule id <c>builtin.NAME</c>, entities of every evidence event.</summary>
internal static class BuiltinAlert
{
    /// <summary>Evidence lists are capped so one long campaign does not make one alert megabytes long; the first and the latest records are kept.</summary>
    public const int MaxEvidence = 500;

    /// <summary>Evidence is ordered by time, then record id: the same events give the same alert (and id) whatever order a
    /// detection collected them in.</summary>
    public static Alert Create(string name, string title, Severity severity, IReadOnlyList<string> techniques, AuditEvent trigger,
        IEnumerable<AuditEvent> evidence, string description)
    {
        var events = evidence.Append(trigger).DistinctBy(e => e.RecordId).OrderBy(e => e.Time).ThenBy(e => e.RecordId, StringComparer.Ordinal).ToList();
        if (events.Count > MaxEvidence) events = [.. events.Take(MaxEvidence / 2), .. events.Skip(events.Count - MaxEvidence / 2)];
        var entities = new AlertEntities();
        foreach (var e in events)
        {
            EntityExtractor.AddTo(entities, e);
            TargetEntities.AddTo(entities, e);
        }
        return new Alert
        {
            Rule = "builtin." + name,
            Title = title,
            Severity = severity,
            Time = trigger.Time,
            FirstSeen = events[0].Time,
            Techniques = techniques,
            Entities = entities,
            Evidence = events.Select(e => e.RecordId).ToList(),
            Description = description,
            Engine = "builtin",
        };
    }

    /// <summary>The higher of two severities.</summary>
    public static Severity Max(Severity a, Severity b) => a >= b ? a : b;
}
