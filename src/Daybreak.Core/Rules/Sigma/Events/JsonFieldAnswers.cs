using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Daybreak.Decoders;
using Result = Daybreak.Rules.Sigma.JsonFieldCapture.Result;

namespace Daybreak.Rules.Sigma;

/// <summary>
/// The answers of one reading of a record for a <see cref="JsonFieldPlan"/>'s paths (<see cref="JsonFieldCapture"/>),
/// as bytes: an <see cref="Entry"/> per path id, each a value's kind and place in the record's bytes. Bytes rather than
/// objects so that a decoder that reads the record anyway can leave them beside the record in its pooled memory
/// (<see cref="Events.AuditEvent"/>), to be released with it; values are made only when asked for.
/// </summary>
internal readonly struct JsonFieldAnswers(ReadOnlyMemory<byte> answers, ReadOnlyMemory<byte> utf8)
{
    /// <summary>One path's answer: where its value is in the record (a string's text without quotes, escapes as written).
    /// Packed: 11 bytes, read and written unaligned.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    internal readonly record struct Entry(Result Result, JsonTokenType Kind, bool Escaped, int Start, int Length);

    public static readonly int EntryBytes = Unsafe.SizeOf<Entry>();

    /// <summary>The answer for path <paramref name="id"/>; <paramref name="value"/> is set when it is <see cref="Result.Found"/>.
    /// Exactly what <see cref="JsonSigmaEvent.TryGetField(FieldPath, out FieldValue)"/> gives, unless unsure.</summary>
    public Result TryGet(int id, out FieldValue value)
    {
        value = FieldValue.Null;
        var entry = Read(id);
        if (entry.Result != Result.Found) return entry.Result;
        var span = utf8.Span.Slice(entry.Start, entry.Length);
        // Values repeat from record to record (result codes, app names, user agents): their strings are taken from the
        // thread's cache rather than made again for every record.
        value = entry.Kind switch
        {
            JsonTokenType.String => FieldValue.FromString(Text(entry, span)),
            // As JsonElement reads a number: the double when the whole text parses as one, its text as written.
            JsonTokenType.Number => FieldValue.FromNumber(Utf8Parser.TryParse(span, out double d, out var used) && used == span.Length ? d : double.NaN, Utf8StringCache.ForThread.GetText(span)),
            JsonTokenType.True => FieldValue.FromBoolean(true),
            JsonTokenType.False => FieldValue.FromBoolean(false),
            // Small objects repeat too (a sign-in's status: an error code and its reason).
            JsonTokenType.StartObject => FieldValue.FromObjectJson(Utf8StringCache.ForThread.GetText(span, maxBytes: 256)),
            _ => FieldValue.Null,
        };
        return Result.Found;
    }

    /// <summary>
    /// The answer for a path planned as JSON text (<see cref="JsonFieldPlan.AddText"/>): a string's text, the text of
    /// anything else as written (<see cref="JsonElement.GetRawText"/>), null for a JSON null.
    /// </summary>
    public Result TryGetText(int id, out string? text)
    {
        text = null;
        var entry = Read(id);
        if (entry.Result != Result.Found) return entry.Result;
        var span = utf8.Span.Slice(entry.Start, entry.Length);
        text = entry.Kind switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => Text(entry, span),
            JsonTokenType.StartObject or JsonTokenType.StartArray => Encoding.UTF8.GetString(span),
            _ => Utf8StringCache.ForThread.GetText(span),
        };
        return Result.Found;
    }

    private Entry Read(int id) => MemoryMarshal.Read<Entry>(answers.Span.Slice(id * EntryBytes, EntryBytes));

    /// <summary>A string's text: the reading checked that its escapes unescape. Strings up to
    /// <see cref="Utf8StringCache.LongValueBytes"/> come from the thread's cache, as the sign-in reader's do: user agents
    /// (which rules search) run past the cache's usual 96 bytes, and one string per sign-in for them was a fifth of the
    /// strings SigmaHQ's cloud rules made.</summary>
    private string Text(Entry entry, ReadOnlySpan<byte> span)
    {
        if (!entry.Escaped) return Utf8StringCache.ForThread.GetText(span, Utf8StringCache.LongValueBytes);
        return JsonText.TryUnescape(utf8.Span.Slice(entry.Start - 1, entry.Length + 2), out var text) ? text : throw new InvalidOperationException("an escape checked when read no longer unescapes");
    }
}
