namespace Daybreak.Decoders;

/// <summary>Options for reading input files; validated when the decoder is built.</summary>
public sealed class DecodeOptions
{
    /// <summary>Forces every record to one family or format variant (<c>--format</c>), instead of detecting it per record.</summary>
    public string? Format { get; set; }

    /// <summary>Records longer than this are reported and skipped, so one huge line cannot exhaust memory.</summary>
    public int MaxRecordBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// Pooled memory for raw records, for a consumer that releases each event's raw record once done with it
    /// (<see cref="Events.AuditEvent.ReleaseRaw"/>): the single-pass readers copy into it instead of an array per record.
    /// One decoder at a time per arena.
    /// </summary>
    public Events.RawArena? RawArena { get; set; }

    /// <summary>
    /// Raw fields to find in each record while reading it, for a consumer that reads them from every record (a hunt's
    /// community Sigma rules): the single-pass sign-in reader keeps what it finds beside the record. Changes no event.
    /// </summary>
    public PrereadFields? Preread { get; set; }

    internal void Validate(NormaliserRegistry registry)
    {
        if (MaxRecordBytes < 1024) throw new ArgumentOutOfRangeException(nameof(MaxRecordBytes), "must be at least 1 KiB");
        if (Format is not null && registry.Find(Format) is null)
            throw new ArgumentException($"unknown format '{Format}'; see 'daybreak formats'", nameof(Format));
    }
}
