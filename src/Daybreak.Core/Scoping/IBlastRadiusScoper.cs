using Daybreak.Correlation;
using Daybreak.Events;

namespace Daybreak.Scoping;

/// <summary>
/// Sees every event of the hunt once (in event-time order) and keeps what scoping needs, then works out each
/// incident's blast radius from its entities.
/// </summary>
public interface IBlastRadiusScoper
{
    void Observe(AuditEvent evt);

    /// <summary>The blast radius of one incident. Called after the last <see cref="Observe"/>, for several incidents at
    /// once from different threads: it must only read what observing kept.</summary>
    BlastRadius Scope(Incident incident);
}
