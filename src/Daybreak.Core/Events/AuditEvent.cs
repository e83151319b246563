namespace Daybreak.Events;

/// <summary>
/// One log record of any supported format, normalised. Field names follow OCSF where OCSF has one
/// (see docs/schema.md). The raw record is kept untouched in <see cref="Raw"/>.
/// </summary>
public sealed class AuditEvent
{
    private string? _raw;
    private ReadOnlyMemory<byte> _rawUtf8;
    private bool _isUtf8;       // the raw record is held as the bytes in _rawUtf8
    private RawSlab? _slab;     // the arena slab those bytes are in, when they are pooled
    // What the decoder found in the record for a consumer's planned raw fields (Rules.Sigma.JsonFieldAnswers), right
    // after the raw bytes in the same memory, and the plan it answers (typed loosely: events know nothing of rules).
    private ReadOnlyMemory<byte> _preread;
    private object? _prereadFor;

    public AuditEvent()
    {
    }

    /// <summary>
    /// An event whose raw record is kept as the UTF-8 bytes it was read as, and made text only when asked for: the
    /// single-pass readers build events faster than the text could be made, and a store or a detection may never
    /// need it, or need it on another thread. The bytes are copied into <paramref name="arena"/> when there is one
    /// (the event holds its part of a slab until <see cref="ReleaseRaw"/>), else into an array of its own.
    /// </summary>
#pragma warning disable CS8618 // Raw is never null: it is made from the bytes on first read.
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    internal AuditEvent(string recordId, string format, ReadOnlySpan<byte> rawUtf8, RawArena? arena)
#pragma warning restore CS8618
        : this(recordId, format, rawUtf8, arena, default, null)
    {
    }

    /// <summary>The same, keeping <paramref name="preread"/> (what the reader found for <paramref name="prereadFor"/>'s
    /// fields) beside the bytes, until <see cref="ReleaseRaw"/>.</summary>
#pragma warning disable CS8618
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    internal AuditEvent(string recordId, string format, ReadOnlySpan<byte> rawUtf8, RawArena? arena, ReadOnlySpan<byte> preread, object? prereadFor)
#pragma warning restore CS8618
    {
        RecordId = recordId;
        Format = format;
        var copy = arena is null ? RawArena.Concat(rawUtf8, preread) : arena.Copy(rawUtf8, preread, out _slab);
        _rawUtf8 = copy[..rawUtf8.Length];
        _isUtf8 = true;
        if (prereadFor is null) return;
        _preread = copy[rawUtf8.Length..];
        _prereadFor = prereadFor;
    }

    /// <summary>What the decoder found in the raw record for <paramref name="plan"/>'s fields; empty when it read none
    /// for that plan or the raw record was released or replaced.</summary>
    internal ReadOnlyMemory<byte> Preread(object plan) => ReferenceEquals(plan, _prereadFor) ? _preread : default;

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
        get => _raw ??= System.Text.Encoding.UTF8.GetString(_rawUtf8.Span);
        set
        {
            DropBytes();
            _raw = value;
        }
    }

    /// <summary>
    /// Replaces the raw record with its UTF-8 bytes, which the event owns from now on; the text is made only if asked
    /// for. For a store reading back what it wrote: the bytes must be valid UTF-8.
    /// </summary>
    public void UseRawUtf8(byte[] utf8)
    {
        DropBytes();
        _rawUtf8 = utf8;
        _isUtf8 = true;
        _raw = null;
    }

    /// <summary>The same, the bytes copied into <paramref name="arena"/>: the event holds its part of a slab until
    /// <see cref="ReleaseRaw"/>.</summary>
    public void UseRawUtf8(ReadOnlySpan<byte> utf8, RawArena arena)
    {
        DropBytes();
        _rawUtf8 = arena.Copy(utf8, out _slab);
        _isUtf8 = true;
        _raw = null;
    }

    /// <summary>The raw record held in an arena for this event (<see cref="RawArena.Hold"/>): the event takes the piece
    /// over, and gives it back with <see cref="ReleaseRaw"/>.</summary>
    public void UseRaw(RawPiece piece)
    {
        DropBytes();
        _rawUtf8 = piece.Bytes;
        _slab = piece.Slab;
        _isUtf8 = true;
        _raw = null;
    }

    /// <summary>
    /// Says that the pipeline is done with the raw record: it is dropped (<see cref="Raw"/> reads as empty from now on,
    /// like <see cref="WithoutRaw"/>), and bytes pooled in a <see cref="RawArena"/> go back to it. Called once every
    /// consumer of the event has seen it; whatever keeps the event longer keeps its normalised fields only.
    /// </summary>
    public void ReleaseRaw()
    {
        DropBytes();
        _raw = "";
    }

    private void DropBytes()
    {
        _rawUtf8 = default;
        _preread = default;
        _prereadFor = null;
        _isUtf8 = false;
        var slab = _slab;
        _slab = null;
        slab?.Release();
    }

    /// <summary>
    /// The raw record as the UTF-8 bytes it was read as, when it was read so and not replaced since; empty otherwise.
    /// Lets a store write the bytes as they are instead of making text of them and back.
    /// </summary>
    public ReadOnlyMemory<byte> RawUtf8() => _isUtf8 ? _rawUtf8 : default;

    /// <summary>Where the record came from: file path (or "-") and 1-based line or record index.</summary>
    public SourcePosition Position { get; set; }

    /// <summary>
    /// A copy without the raw text, for detections that keep events in windows for hours or days: the raw record is
    /// most of an event's memory (a sign-in's is about 4 KB of JSON, twice that as UTF-16), and evidence only needs
    /// the record id and the normalised fields. Targets, modified properties and mail folders are shared, not cloned:
    /// they are never changed after decoding.
    /// </summary>
    public AuditEvent WithoutRaw()
    {
        // Asked of the fields, not of Raw: reading Raw would make the UTF-16 text of every event kept.
        // Where bytes are kept, any text was made from them, so the bytes alone say whether the record is empty.
        if (_isUtf8 ? _rawUtf8.Length == 0 : string.IsNullOrEmpty(_raw)) return this;
        var copy = new AuditEvent
        {
            RecordId = RecordId, Time = Time, TenantId = TenantId, Source = Source, Format = Format, Category = Category,
            Operation = Operation, Mail = Mail, Raw = "", Position = Position,
        };
        copy.Outcome.Status = Outcome.Status;
        copy.Outcome.Code = Outcome.Code;
        copy.Outcome.Reason = Outcome.Reason;
        copy.Actor.Kind = Actor.Kind;
        copy.Actor.ObjectId = Actor.ObjectId;
        copy.Actor.Upn = Actor.Upn;
        copy.Actor.AppId = Actor.AppId;
        copy.Actor.DisplayName = Actor.DisplayName;
        copy.Targets.AddRange(Targets);
        copy.Network.Ip = Network.Ip;
        copy.Network.Country = Network.Country;
        copy.Network.City = Network.City;
        copy.Network.Asn = Network.Asn;
        copy.Network.UserAgent = Network.UserAgent;
        copy.Network.ClientApp = Network.ClientApp;
        copy.Auth.Requirement = Auth.Requirement;
        copy.Auth.ConditionalAccessStatus = Auth.ConditionalAccessStatus;
        copy.Auth.IsInteractive = Auth.IsInteractive;
        copy.Auth.TokenIssuerType = Auth.TokenIssuerType;
        copy.Auth.Protocol = Auth.Protocol;
        copy.Auth.SignInType = Auth.SignInType;
        copy.Auth.CorrelationId = Auth.CorrelationId;
        copy.Auth.SessionId = Auth.SessionId;
        copy.Auth.UniqueTokenId = Auth.UniqueTokenId;
        copy.Auth.SignInActivityId = Auth.SignInActivityId;
        copy.Auth.CredentialKeyId = Auth.CredentialKeyId;
        return copy;
    }
}

/// <summary>File and line (or record index) of a record, for error reports and evidence.</summary>
public readonly record struct SourcePosition(string File, long Line);
