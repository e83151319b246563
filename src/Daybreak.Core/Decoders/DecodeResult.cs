using Daybreak.Events;

namespace Daybreak.Decoders;

/// <summary>Either a normalised event or a rejection; decoders yield these so a bad record never stops a file.</summary>
public readonly struct DecodeResult
{
    private DecodeResult(AuditEvent? evt, Rejection? rejection)
    {
        Event = evt;
        Rejection = rejection;
    }

    public AuditEvent? Event { get; }

    public Rejection? Rejection { get; }

    public static DecodeResult Accepted(AuditEvent evt) => new(evt, null);

    public static DecodeResult Rejected(Rejection rejection) => new(null, rejection);
}
