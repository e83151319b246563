using Daybreak.Events;

namespace Daybreak.Detection.Builtin;

/// <summary>
/// Wraps a detection so an alert raised on an event also names that event's targets (the service principal a role was
/// given to, the app id behind it, the user created): the Sigma adapter names only the actor, and incidents join on targets.
/// </summary>
public sealed class TargetEnrichedDetection(IDetection inner) : IDetection
{
    public IDetection Inner { get; } = inner;

    public string Name => Inner.Name;

    public void Observe(AuditEvent evt, IAlertSink alerts) => Inner.Observe(evt, new Sink(alerts, evt));

    public void Flush(IAlertSink alerts) => Inner.Flush(alerts);

    private sealed class Sink(IAlertSink inner, AuditEvent evt) : IAlertSink
    {
        public void Raise(Alert alert)
        {
            if (alert.Evidence.Contains(evt.RecordId)) TargetEntities.AddTo(alert.Entities, evt);
            inner.Raise(alert);
        }
    }
}
