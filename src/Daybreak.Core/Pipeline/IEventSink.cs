using Daybreak.Events;

namespace Daybreak.Pipeline;

/// <summary>Receives normalised events (the store, a detector). <see cref="Flush"/> is called at the end of each file and of the run.</summary>
public interface IEventSink
{
    void Write(AuditEvent evt);

    void Flush();
}
