using Daybreak.Correlation;
using Daybreak.Events;

namespace Daybreak.Scoping;

/// <summary>Several scopers seen as one: every event goes to each, and an incident's blast radius is the union of theirs.</summary>
public sealed class CompositeScoper(params IBlastRadiusScoper[] scopers) : IBlastRadiusScoper
{
    public void Observe(AuditEvent evt)
    {
        foreach (var s in scopers) s.Observe(evt);
    }

    public BlastRadius Scope(Incident incident)
    {
        var radius = new BlastRadius();
        foreach (var s in scopers)
        {
            var part = s.Scope(incident);
            radius.Mailboxes.AddRange(part.Mailboxes);
            radius.Resources.AddRange(part.Resources);
        }
        return radius;
    }
}
