namespace Daybreak.Events;

/// <summary>
/// One log record of any supported format, normalised. Field names follow OCSF where OCSF has one
/// (see docs/schema.md). The raw record is kept untouched in <see cref="Raw"/>.
/// </summary>
public sealed class AuditEvent
{
    private string? _raw;
    private byte[]? _rawUtf8;

    public AuditEvent()
    {
    }

    /// <summary>
    /// An event whose raw record is kept as the UTF-8 bytes it was read as, and made text only when asked for: the
    /// single-pass readers build events faster than the text could be made, and a store or a detection may never
    /// need it, or need it on another thread.
    /// </summary>
#pragma warning disable CS8618 // Raw is never null: it is made from the bytes on first read.
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    internal AuditEvent(string recordId, string format, byte[] rawUtf8)
#pragma warning restore CS8618
    {
        RecordId = recordId;
        Format = format;
        _rawUtf8 = rawUtf8;
    }

    /// <summary>Stable id: the source's own record id where it has one (prefixed by source kind), else a content hash.</summary>
    public required string RecordId { get; set; }

    /// <summary>Event time, UTC.</summary>
    public DateTime Time { get; set; }

    public string? TenantId { get; set; }

    public SourceKind Source { get; set; }

    /// <summary>The decoder that produced the record, e.g. "signin.diagnostic"; see <c>daybreak formats</c>.</summary>
    public required string Format { get; set; }

    /// <summary>Finer source: diagnostic category, UAL Workload, sign-in log family.</summary>
    public string? Category { get; set; }

    /// <summary>The operation: activity display name, UAL Operation, HTTP method and path, "Sign-in".</summary>
    public string Operation { get; set; } = "";

    public Outcome Outcome { get; } = new();

    public Actor Actor { get; } = new();

    public List<Target> Targets { get; } = [];

    public Network Network { get; } = new();

    public Authentication Auth { get; } = new();

    /// <summary>Set for mailbox access records only.</summary>
    public MailAccess? Mail { get; set; }

    /// <summary>The source record exactly as read (JSON text; for CSV rows, the row re-encoded as a JSON object of its cells).</summary>
    public required string Raw
    {
        get => _raw ??= System.Text.Encoding.UTF8.GetString(_rawUtf8!);
        set
        {
            _raw = value;
            _rawUtf8 = null;
        }
    }

    /// <summary>Where the record came from: file path (or "-") and 1-based line or record index.</summary>
    public SourcePosition Position { get; set; }
}

/// <summary>File and line (or record index) of a record, for error reports and evidence.</summary>
public readonly record struct SourcePosition(string File, long Line);
