using Daybreak.Events;

namespace Daybreak.Pipeline;

/// <summary>Receives normalised events (the store, a detector). <see cref="Flush"/> is called at the end of the run (a sink commits in batches of its own choosing before that).</summary>
public interface IEventSink
{
    void Write(AuditEvent evt);

    void Flush();
}
