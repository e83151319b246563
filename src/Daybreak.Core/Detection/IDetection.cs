using Daybreak.Events;

namespace Daybreak.Detection;

/// <summary>
/// A detection observes events in event-time order and raises alerts; stateful ones raise what is still pending in
/// <see cref="Flush"/> at the end of input (pySigma's validate/finalize). A detection that throws is reported and
/// counted by the runner, never allowed to stop the run.
/// </summary>
public interface IDetection
{
    /// <summary>Stable name, used in error reports and in rule ids (<c>builtin.NAME</c>).</summary>
    string Name { get; }

    void Observe(AuditEvent evt, IAlertSink alerts);

    void Flush(IAlertSink alerts);

    /// <summary>Whether <see cref="Observe"/> reads the raw record (<see cref="AuditEvent.Raw"/>,
    /// <see cref="AuditEvent.RawUtf8"/>): a hunt whose detections all work on normalised fields does not read raw
    /// records back from the case at all.</summary>
    bool ReadsRawRecords => false;

    /// <summary>Raw fields <see cref="Observe"/> reads from every record, for a decoder to find as it reads them
    /// (<see cref="Decoders.DecodeOptions.Preread"/>); null when it reads none or reads records its own way.</summary>
    Decoders.PrereadFields? Preread => null;
}

/// <summary>Receives alerts from detections.</summary>
public interface IAlertSink
{
    void Raise(Alert alert);
}
