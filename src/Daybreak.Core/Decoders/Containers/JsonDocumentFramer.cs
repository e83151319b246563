using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Daybreak.Decoders.Containers;

/// <summary>
/// A whole-file JSON document, streamed: a top-level array of records, an envelope object whose <c>value</c>,
/// <c>records</c> or <c>events</c> array holds the records (other properties such as <c>@odata.nextLink</c> are
/// skipped), or a single record object. Only the current record is buffered, so a 2 GB array needs no 2 GB of memory.
/// Malformed JSON ends the file at that point (a JSON document cannot be resynchronised); records before it stay.
/// </summary>
internal sealed class JsonDocumentFramer(int maxRecordBytes) : IRecordFramer
{
    private static readonly JsonReaderOptions ReaderOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 };
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 };

    public IEnumerable<FramedRecord> Frame(Stream utf8)
    {
        var cursor = new Cursor(ArrayPool<byte>.Shared.Rent(1 << 20));
        var pending = new List<(int Start, int End, long Line, bool IsObject)>();
        try
        {
            var eof = false;
            while (true)
            {
                var error = JsonStream.Fill<RecordTooLargeException>(utf8, cursor, ref eof, maxRecordBytes, final => cursor.Scan(final, pending),
                    $"record longer than {maxRecordBytes / (1024 * 1024)} MiB");

                foreach (var (start, end, line, isObject) in pending)
                {
                    if (!isObject)
                    {
                        yield return FramedRecord.Failed(line, "record is not a JSON object");
                        continue;
                    }
                    var memory = cursor.Buffer.AsMemory(start, end - start);
                    var document = JsonDocument.Parse(memory, DocumentOptions);
                    yield return new FramedRecord(document, document.RootElement, Encoding.UTF8.GetString(memory.Span), line, null);
                }
                pending.Clear();

                if (error is not null)
                {
                    yield return FramedRecord.Failed(cursor.ErrorLine, error);
                    yield break;
                }
                if (eof)
                {
                    if (JsonStream.Unfinished(cursor) is { } unfinished) yield return FramedRecord.Failed(cursor.ErrorLine, unfinished);
                    yield break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(cursor.Buffer);
        }
    }

    private sealed class RecordTooLargeException : Exception;

    /// <summary>Reader state kept between buffer refills; a ref struct reader cannot live across iterator yields.</summary>
    private sealed class Cursor(byte[] buffer) : IJsonStreamCursor
    {
        public byte[] Buffer = buffer;
        public int End;
        private int _position;
        private JsonReaderState _state = new(ReaderOptions);
        private int _recordDepth = -1;    // depth of record tokens once known
        private int _recordStart = -1;    // buffer index where the current record started
        private long _recordLine;
        private int _topStart = -1;       // start of a top-level object that may itself be the record
        private long _topLine;
        private bool _inArrayProperty;    // the next token is the value of value/records/events
        private int _countedTo;
        private long _lines;              // newlines seen before _countedTo
        public bool SawToken;
        public int Depth;

        byte[] IJsonStreamCursor.Buffer => Buffer;

        int IJsonStreamCursor.End { get => End; set => End = value; }

        int IJsonStreamCursor.Depth => Depth;

        bool IJsonStreamCursor.SawToken => SawToken;

        public long ErrorLine => LineAt(Math.Min(_position, End));

        private long LineAt(int index)
        {
            if (index > _countedTo)
            {
                _lines += Buffer.AsSpan(_countedTo, index - _countedTo).Count((byte)'\n');
                _countedTo = index;
            }
            return _lines + 1;
        }

        public void MakeRoom(int max)
        {
            var keep = _recordStart >= 0 ? _recordStart : _topStart >= 0 ? _topStart : _position;
            if (keep > 0)
            {
                LineAt(keep);
                Buffer.AsSpan(keep, End - keep).CopyTo(Buffer);
                End -= keep;
                _position -= keep;
                _countedTo -= keep;
                if (_recordStart >= 0) _recordStart -= keep;
                if (_topStart >= 0) _topStart -= keep;
            }
            if (End == Buffer.Length)
            {
                if (Buffer.Length >= max) throw new RecordTooLargeException();
                var bigger = ArrayPool<byte>.Shared.Rent(Buffer.Length * 2);
                Buffer.AsSpan(0, End).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(Buffer);
                Buffer = bigger;
            }
        }

        public void Scan(bool final, List<(int, int, long, bool)> found)
        {
            var reader = new Utf8JsonReader(Buffer.AsSpan(_position, End - _position), final, _state);
            try
            {
                while (reader.Read())
                {
                    SawToken = true;
                    var at = _position + (int)reader.TokenStartIndex;
                    var depth = reader.CurrentDepth;
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.StartArray when depth == 0:
                            _recordDepth = 1;
                            break;
                        case JsonTokenType.StartObject when depth == 0:
                            _topStart = at;
                            _topLine = LineAt(at);
                            break;
                        case JsonTokenType.PropertyName when depth == 1 && _recordDepth < 0:
                            _inArrayProperty = RecordArrays.IsArrayProperty(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
                            break;
                        case JsonTokenType.StartArray when depth == 1 && _inArrayProperty:
                            _recordDepth = 2;
                            _topStart = -1; // an envelope: its elements are the records
                            _inArrayProperty = false;
                            break;
                        case JsonTokenType.StartObject or JsonTokenType.StartArray when depth == _recordDepth:
                            _recordStart = at;
                            _recordLine = LineAt(at);
                            break;
                        case JsonTokenType.EndObject or JsonTokenType.EndArray when depth == _recordDepth && _recordStart >= 0:
                            found.Add((_recordStart, _position + (int)reader.BytesConsumed, _recordLine, reader.TokenType == JsonTokenType.EndObject));
                            _recordStart = -1;
                            break;
                        case JsonTokenType.EndArray when depth == _recordDepth - 1 && _recordDepth == 2:
                            _recordDepth = -2; // the envelope's array is done; skip the rest of the envelope
                            break;
                        case JsonTokenType.EndObject when depth == 0 && _topStart >= 0:
                            found.Add((_topStart, _position + (int)reader.BytesConsumed, _topLine, true));
                            _topStart = -1;
                            break;
                        default:
                            if (depth == _recordDepth && reader.TokenType is not (JsonTokenType.EndArray or JsonTokenType.EndObject or JsonTokenType.PropertyName))
                                found.Add((at, at, LineAt(at), false));
                            else if (depth == 1 && _recordDepth < 0 && reader.TokenType != JsonTokenType.PropertyName)
                                _inArrayProperty = false;
                            break;
                    }
                }
            }
            finally
            {
                _position += (int)reader.BytesConsumed;
                _state = reader.CurrentState;
                Depth = reader.CurrentDepth;
            }
        }
    }
}
