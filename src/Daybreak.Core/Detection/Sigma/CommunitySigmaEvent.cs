using System.Text.Json;
using Daybreak.Events;
using Daybreak.Rules.Sigma;

namespace Daybreak.Detection.Sigma;

/// <summary>
/// A record as community Sigma rules see it: each Sigma field name is looked up through the log family's
/// <see cref="SigmaMappingFile"/> in the raw record (whatever export variant it came in), with Daybreak's normalised
/// view as a fallback where the mapping says so. Fields the mapping does not name are absent, so a rule never
/// matches by accident on a same-named field of another schema. Keywords search the raw record.
/// The raw record is parsed in place over pooled memory when first needed: dispose the view when done with it, and
/// <see cref="Detach"/> it for anything that keeps it longer (a correlation's reorder buffer).
/// </summary>
public sealed class CommunitySigmaEvent : ISigmaEvent, IDisposable
{
    private readonly SigmaMappingFile _mapping;
    private JsonSigmaEvent? _raw;
    private NormalisedSigmaEvent? _normalised;
    private EmbeddedJson? _embeddedJson;   // made when a name-value candidate first meets JSON written as text
    // Rules of one log source ask for the same few fields again and again (29 lookups of 14 names per sign-in under
    // SigmaHQ's cloud rules), and each resolution may walk several spellings: resolve each name once per event.
    private Answers? _answers;
    private Dictionary<string, bool>? _topLevel;
    // A hunt makes one view per event: a pooled view takes its answers and its table of top-level names from the last
    // disposed one on its thread (the table cleared, the answers under a new stamp) instead of making new ones (a third
    // of the Sigma stage's allocation under SigmaHQ's cloud rules).
    [ThreadStatic] private static Answers? t_spareAnswers;
    [ThreadStatic] private static Dictionary<string, bool>? t_spareTopLevel;
    // The record read once for the mapping's raw paths, when a lookup first asks (see JsonFieldCapture), or what the
    // decoder found for them as it read the record (AuditEvent.Preread).
    private JsonFieldCapture? _capture;
    private JsonFieldAnswers? _captured;
    private bool _captureTried;
    [ThreadStatic] private static JsonFieldCapture? t_spareCapture;

    private readonly bool _pooled;
    private readonly byte[]? _ownRaw;   // a detached view's copy of the raw record: the event's may be released
    private bool _disposed;

    public CommunitySigmaEvent(AuditEvent evt, SigmaMappingFile mapping) : this(evt, mapping, pooled: true, answers: null)
    {
    }

    private CommunitySigmaEvent(AuditEvent evt, SigmaMappingFile mapping, bool pooled, Answers? answers, byte[]? ownRaw = null)
    {
        Event = evt;
        _mapping = mapping;
        _pooled = pooled;
        _answers = answers;
        _ownRaw = ownRaw;
    }

    public AuditEvent Event { get; }

    internal JsonSigmaEvent Raw
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _raw ??= _ownRaw is not null ? ParseOwn(_ownRaw) : ParseRaw(Event, _pooled);
        }
    }

    /// <summary>
    /// A view of the same record that owns its memory (parsed again only if a field not resolved yet is asked for),
    /// for holders that outlive this one. It keeps a copy of the raw record: a hunt releases the event's own once every
    /// detection has seen it (<see cref="AuditEvent.ReleaseRaw"/>).
    /// </summary>
    public CommunitySigmaEvent Detach()
    {
        var utf8 = Event.RawUtf8();
        var own = utf8.IsEmpty ? System.Text.Encoding.UTF8.GetBytes(Event.Raw) : utf8.ToArray();
        return new(Event, _mapping, pooled: false, _answers?.Copy(), own);
    }

    public void Dispose()
    {
        _disposed = true;
        _raw?.Dispose();
        _raw = null;
        _captured = null;
        if (_capture is { } capture)
        {
            capture.Clear();
            _capture = null;
            if (_pooled) t_spareCapture = capture;
        }
        if (!_pooled) return;
        if (_answers is { } answers) t_spareAnswers = answers;
        if (_topLevel is { } topLevel)
        {
            topLevel.Clear();
            t_spareTopLevel = topLevel;
        }
        _answers = null;
        _topLevel = null;
    }

    /// <summary>
    /// The value of the mapping's planned raw path <paramref name="planned"/> (<see cref="JsonFieldPlan.Add"/>), from
    /// one reading of the record for all of them; false when that reading cannot answer for it exactly (or the path is
    /// not planned) and the parsed record must be asked.
    /// </summary>
    internal bool TryCaptured(int planned, out FieldValue value, out bool found)
    {
        value = FieldValue.Null;
        found = false;
        if (Capture(planned) is not { } answers) return false;
        switch (answers.TryGet(planned, out value))
        {
            case JsonFieldCapture.Result.Found:
                found = true;
                return true;
            case JsonFieldCapture.Result.NotFound:
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The JSON text of the mapping's path <paramref name="planned"/> (<see cref="JsonFieldPlan.AddText"/>) from the same
    /// reading: <paramref name="text"/> null where the path is absent or null; false when the parsed record must be asked.
    /// </summary>
    internal bool TryCapturedText(int planned, out string? text)
    {
        text = null;
        if (Capture(planned) is not { } answers) return false;
        return answers.TryGetText(planned, out text) != JsonFieldCapture.Result.Unsure;
    }

    /// <summary>The answers for the mapping's planned paths: the decoder's, or the record read once on the first lookup of
    /// one; null when <paramref name="planned"/> is not planned or the record is held as text only.</summary>
    private JsonFieldAnswers? Capture(int planned)
    {
        if (planned < 0) return null;
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_captureTried)
        {
            _captureTried = true;
            // A detached view reads its own copy: the event's bytes, and the answers beside them, may be released.
            if (_ownRaw is null && Event.Preread(_mapping.Plan) is { IsEmpty: false } preread)
            {
                _captured = new JsonFieldAnswers(preread, Event.RawUtf8());
                return _captured;
            }
            var utf8 = _ownRaw is not null ? _ownRaw.AsMemory() : Event.RawUtf8();
            // Records that carry their raw text as a string (read back from a case) are parsed as before.
            if (!utf8.IsEmpty)
            {
                _capture = (_pooled ? Spare(ref t_spareCapture) : null) ?? new JsonFieldCapture();
                _capture.Run(_mapping.Plan, utf8);
                _captured = _capture.Answers;
            }
        }
        return _captured;
    }

    internal NormalisedSigmaEvent Normalised => _normalised ??= new NormalisedSigmaEvent(Event);

    public bool TryGetField(string name, out FieldValue value) => TryGetField(SigmaField.Of(name), out value);

    public bool TryGetField(SigmaField field, out FieldValue value)
    {
        var answers = _answers ??= Answers.StartAnother(Spare(ref t_spareAnswers));
        ref var known = ref answers.For(field.Id);
        if (known.Stamp == answers.Stamp)
        {
            value = known.Value;
            return known.Found;
        }
        var found = Resolve(field, out value);
        known = new Answer(answers.Stamp, found, value);
        return found;
    }

    private readonly record struct Answer(int Stamp, bool Found, FieldValue Value);

    /// <summary>
    /// Answers by field number (<see cref="SigmaField.Id"/>). A pooled view takes the last disposed view's array on its
    /// thread and starts a new stamp instead of clearing it: an answer counts only when its stamp is the view's.
    /// </summary>
    private sealed class Answers
    {
        private Answer[] _items = new Answer[Math.Max(16, SigmaField.Count)];

        public int Stamp { get; private set; } = 1;

        /// <summary>A fresh set of answers: <paramref name="spare"/>'s array under a new stamp, or a new one.</summary>
        public static Answers StartAnother(Answers? spare)
        {
            if (spare is null) return new Answers();
            if (spare.Stamp == int.MaxValue)
            {
                // After two billion events on one array: clear it rather than let stamps come round again.
                Array.Clear(spare._items);
                spare.Stamp = 0;
            }
            spare.Stamp++;
            return spare;
        }

        public ref Answer For(int id)
        {
            if (id >= _items.Length) Array.Resize(ref _items, Math.Max(id + 1, Math.Max(SigmaField.Count, _items.Length * 2)));
            return ref _items[id];
        }

        /// <summary>A copy that owns its array (for a detached view, which may outlive this one's reuse).</summary>
        public Answers Copy() => new() { _items = (Answer[])_items.Clone(), Stamp = Stamp };
    }

    /// <summary>The thread's spare table, taken (so no two views share it), for a pooled view; null otherwise.</summary>
    private T? Spare<T>(ref T? spare) where T : class
    {
        if (!_pooled || _disposed) return null;
        var taken = spare;
        spare = null;
        return taken;
    }

    private bool Resolve(SigmaField field, out FieldValue value)
    {
        var rules = _mapping.Rules(field);
        foreach (var candidate in rules.Candidates)
        {
            if (candidate.TryResolve(this, out value))
            {
                value = SigmaMappingFile.PostProcess(rules, value);
                return true;
            }
        }
        value = FieldValue.Null;
        return false;
    }

    public IEnumerable<FieldValue> AllValues() => Raw.AllValues();

    /// <summary>Follows a dotted path (case-insensitive, through JSON held in strings) to one element; no array descent.</summary>
    internal bool TryNavigate(FieldPath path, out JsonElement element) => Raw.TryNavigate(path, out element);

    /// <summary>
    /// False only when no top-level property's first dotted part is <paramref name="segment"/> (case-insensitive):
    /// then no path that starts with it can resolve, and a mapping's candidates under that root (AuditData,
    /// RawEventData, ...) are passed over without walking the record. Answered once per segment per record.
    /// </summary>
    internal bool MayHoldTopLevel(string segment)
    {
        _topLevel ??= Spare(ref t_spareTopLevel) ?? new Dictionary<string, bool>(StringComparer.Ordinal);
        if (_topLevel.TryGetValue(segment, out var known)) return known;
        var root = Raw.Root;
        var found = root.ValueKind != JsonValueKind.Object; // arrays and strings are descended into: no shortcut
        if (!found)
        {
            var asciiSegment = System.Text.Ascii.IsValid(segment);
            foreach (var property in root.EnumerateObject())
            {
                var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(property);
                if (asciiSegment && EmbeddedJson.IsPlainName(raw))
                {
                    var dot = raw.IndexOf((byte)'.');
                    found = System.Text.Ascii.EqualsIgnoreCase(dot < 0 ? raw : raw[..dot], segment);
                }
                else
                {
                    var name = property.Name.AsSpan();
                    var dot = name.IndexOf('.');
                    found = (dot < 0 ? name : name[..dot]).Equals(segment, StringComparison.OrdinalIgnoreCase);
                }
                if (found) break;
            }
        }
        _topLevel[segment] = found;
        return found;
    }

    internal bool TryParseEmbedded(JsonElement text, out JsonElement parsed) => (_embeddedJson ??= new EmbeddedJson()).TryParse(text, out parsed);

    private static JsonSigmaEvent ParseOwn(byte[] utf8)
    {
        try
        {
            return JsonSigmaEvent.Parse(utf8);
        }
        catch (JsonException)
        {
            return JsonSigmaEvent.Parse("{}");
        }
    }

    private static JsonSigmaEvent ParseRaw(AuditEvent evt, bool pooled)
    {
        try
        {
            // The bytes the decoder read, when it kept them: no UTF-16 text made only to be encoded back.
            var utf8 = evt.RawUtf8();
            if (utf8.IsEmpty) return pooled ? JsonSigmaEvent.ParsePooled(evt.Raw) : JsonSigmaEvent.Parse(evt.Raw);
            return pooled ? JsonSigmaEvent.ParsePooled(utf8) : JsonSigmaEvent.Parse(utf8.Span);
        }
        catch (JsonException)
        {
            // Decoders keep every accepted record as JSON; an unreadable one simply has no raw fields.
            return JsonSigmaEvent.Parse("{}");
        }
    }
}
