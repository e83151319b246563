using System.Text.Json;
using Daybreak.Decoders.Containers;
using Daybreak.Events;
using Daybreak.Sources;

namespace Daybreak.Decoders;

/// <summary>
/// Reads one input end to end: unwraps gzip and UTF-16, detects the container from content, frames records and
/// normalises each. Every problem becomes a <see cref="Rejection"/> naming file, line and reason; nothing throws
/// for bad input, and the good records of a file are yielded whatever else is wrong with it.
/// </summary>
public sealed class FileDecoder
{
    private readonly NormaliserRegistry _registry;
    private readonly DecodeOptions _options;
    private readonly IRecordNormaliser? _forced;

    public FileDecoder(NormaliserRegistry registry, DecodeOptions options)
    {
        options.Validate(registry);
        _registry = registry;
        _options = options;
        _forced = options.Format is null ? null : registry.Find(options.Format);
    }

    public IEnumerable<DecodeResult> Decode(InputSource source, Stream? stdin = null)
    {
        var file = source.DisplayName;
        PeekableStream? stream = null;
        string? openError = null;
        ContainerKind? container = null;
        try
        {
            stream = new PeekableStream(InputOpener.Open(source, stdin));
            container = ContainerDetector.Detect(stream.Peek(ContainerDetector.SniffBytes), out openError);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or NotSupportedException)
        {
            openError = "cannot read file: " + ex.Message;
        }
        if (container is null)
        {
            stream?.Dispose();
            yield return DecodeResult.Rejected(new Rejection(file, 0, openError ?? "unreadable"));
            yield break;
        }

        using (stream)
        {
            IRecordFramer framer = container switch
            {
                ContainerKind.Ndjson => new NdjsonFramer(_options.MaxRecordBytes, FastReader()),
                ContainerKind.Csv => new CsvFramer(_options.MaxRecordBytes),
                ContainerKind.LogAnalyticsQuery => new QueryResultsFramer(_options.MaxRecordBytes),
                _ => new JsonDocumentFramer(_options.MaxRecordBytes),
            };
            using var records = framer.Frame(stream!).GetEnumerator();
            long lastLine = source.LineOffset;
            while (true)
            {
                FramedRecord framed;
                string? readError = null;
                try
                {
                    if (!records.MoveNext()) break;
                    framed = records.Current;
                    if (source.LineOffset != 0) framed = framed with { Line = framed.Line + source.LineOffset };
                }
                catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.DecoderFallbackException)
                {
                    framed = default;
                    readError = ex.Message + " (truncated or corrupt?)";
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // A framer that fails on content it should have rejected line by line is a defect, but one file must
                    // not end a run over many: the file stops here, says why, and the other inputs are still read.
                    framed = default;
                    readError = $"{ex.GetType().Name}: {ex.Message}";
                }
                if (readError is not null)
                {
                    yield return DecodeResult.Rejected(new Rejection(file, lastLine + 1, "file cannot be read past this point: " + readError));
                    yield break;
                }

                lastLine = framed.Line;
                if (framed.Event is { } fast)
                {
                    fast.Position = new SourcePosition(file, framed.Line);
                    yield return DecodeResult.Accepted(fast);
                    continue;
                }
                if (framed.Error is not null)
                {
                    yield return DecodeResult.Rejected(new Rejection(file, framed.Line, framed.Error));
                    continue;
                }
                using (framed.Document)
                {
                    yield return Normalise(framed, container.Value, file);
                }
            }
        }
    }

    /// <summary>
    /// The single-pass readers for diagnostic sign-ins and Management Activity API UAL records, when records are
    /// classified as the default registry does: they give the events the general path would, several times faster.
    /// Each declines a record of the other's shape within its first fields.
    /// </summary>
    private FastRecordReader? FastReader()
    {
        if (_forced is not null || !_registry.IsDefault) return null;
        // A file holds one log as a rule: the reader that read the last line is offered the next one first.
        var ualFirst = false;
        var arena = _options.RawArena;
        var preread = _options.Preread?.SignIns;
        return utf8 =>
        {
            if (ualFirst && Ual.UalRecordReader.TryRead(utf8, arena) is { } ual) return ual;
            if (SignIns.DiagnosticSignInReader.TryRead(utf8, arena, preread) is { } signIn) { ualFirst = false; return signIn; }
            if (ualFirst) return null;
            var read = Ual.UalRecordReader.TryRead(utf8, arena);
            ualFirst = read is not null;
            return read;
        };
    }

    private DecodeResult Normalise(in FramedRecord framed, ContainerKind container, string file)
    {
        var owned = new List<JsonDocument>();
        using var index = PropertyIndex.Enter();
        try
        {
            var root = EnvelopeUnwrapper.Unwrap(framed.Root, owned);
            if (root.ValueKind != JsonValueKind.Object) return Reject(file, framed.Line, "record is not a JSON object");
            var record = new RawRecord(root, framed.Raw, new SourcePosition(file, framed.Line), container, framed.Root);
            var normaliser = _forced ?? ByTable(root) ?? _registry.Classify(record);
            if (normaliser is null) return Reject(file, framed.Line, "unknown record type: " + Describe(root));
            var evt = normaliser.Normalise(record);
            evt.Position = record.Position;
            return DecodeResult.Accepted(evt);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A normaliser failing on one record (wrong value types, missing fields) rejects that record only.
            var reason = ex is RecordRejectedException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            return Reject(file, framed.Line, reason);
        }
        finally
        {
            foreach (var doc in owned) doc.Dispose();
        }
    }

    /// <summary>
    /// A Log Analytics row names its table in the Type column: that picks the normaliser, before any guess from the
    /// columns. A union of tables fills the columns a row's table lacks with empty values, which a column-set guess
    /// could mistake for another log's fields.
    /// </summary>
    private IRecordNormaliser? ByTable(JsonElement root) =>
        Entra.AzureEnvelope.TryGetTable(root, out var table) && LogAnalyticsTables.FamilyOf(table) is { } family
            ? _registry.Find(family)
            : null;

    private static DecodeResult Reject(string file, long line, string reason) =>
        DecodeResult.Rejected(new Rejection(file, line, reason));

    private static string Describe(JsonElement root)
    {
        var names = root.EnumerateObject().Take(6).Select(p => p.Name.Length > 30 ? p.Name[..30] : p.Name).ToList();
        return names.Count == 0 ? "empty object" : "no known log schema has fields " + string.Join(", ", names);
    }

}
