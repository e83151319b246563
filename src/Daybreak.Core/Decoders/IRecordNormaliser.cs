namespace Daybreak.Decoders;

using Daybreak.Events;

/// <summary>
/// Turns one framed record of a log family into an <see cref="AuditEvent"/>. One normaliser covers every export
/// variant of its family (Graph API, diagnostic export, Log Analytics) and records which in <see cref="AuditEvent.Format"/>.
/// </summary>
public interface IRecordNormaliser
{
    /// <summary>Family name, also accepted by <c>--format</c>: signin, audit, ual, graphactivity, risk.</summary>
    string Family { get; }

    /// <summary>The formats this normaliser produces, for <c>daybreak formats</c>.</summary>
    IReadOnlyList<FormatInfo> Formats { get; }

    /// <summary>True when the record has this family's shape. Must be cheap: it runs for every record.</summary>
    bool Accepts(in RawRecord record);

    /// <summary>Normalises the record; throws <see cref="RecordRejectedException"/> (or any exception) to reject it.</summary>
    AuditEvent Normalise(in RawRecord record);
}

/// <summary>A supported format variant: its name (the value of <see cref="AuditEvent.Format"/>), a description and a short real example.</summary>
public sealed record FormatInfo(string Name, string Description, string Example);
