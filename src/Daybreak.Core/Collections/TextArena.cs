using System.Runtime.InteropServices;
using System.Text;

namespace Daybreak.Collections;

/// <summary>
/// A text kept in a <see cref="TextArena"/>: its chunk, the byte where it starts, how many characters it has (a negative
/// length is null), and whether it is kept as UTF-16 (<see cref="Wide"/>) or, being ASCII, a byte per character. Twelve
/// bytes: whether a text is wide is a bit of the word that says where it starts (a chunk is 64 KB).
/// </summary>
internal readonly struct TextRef
{
    private const int WideBit = 1 << 30;
    private readonly int _startAndWide;

    public TextRef(int chunk, int start, int length, bool wide = false)
    {
        Chunk = chunk;
        _startAndWide = wide ? start | WideBit : start;
        Length = length;
    }

    public static readonly TextRef Null = new(0, 0, -1);
    public static readonly TextRef Empty = new(0, 0, 0);

    public int Chunk { get; }
    public int Start => _startAndWide & ~WideBit;
    public int Length { get; }
    public bool Wide => (_startAndWide & WideBit) != 0;
    public bool IsNull => Length < 0;

    /// <summary>Bytes the text takes in its chunk.</summary>
    public int Bytes => Length <= 0 ? 0 : Wide ? Length * 2 : Length;
}

/// <summary>
/// Text that a detection keeps for days, as bytes in large chunks rather than a string object each. The collector
/// never looks inside an array of bytes: hundreds of thousands of kept ids cost it one object per 64 KB chunk to
/// mark, where the same ids as strings were objects that every full collection of a hunt marked. What is kept is ids,
/// IPs and record ids, nearly always ASCII, so an ASCII text takes a byte per character (half what characters took:
/// session replay's arena was the largest single part of a hunt's live heap); any other text is kept as its UTF-16
/// code units, exactly, lone surrogates included (a log may write them as escapes), so no two texts share bytes.
/// Chunks stay just under the large object heap's threshold (85,000 bytes): there, each new chunk counted towards the
/// budget that starts full collections (72 MB of them in a 10x hunt with SigmaHQ's cloud rules; full collections 19 ->
/// 16 at 64 KB), while in the young generation a chunk is copied once or twice on its way to the old one. The owner
/// says which texts it stops using (<see cref="Forget"/>); a chunk whose texts are all forgotten is reused, and the owner
/// moves the few texts left in chunks that stay mostly forgotten (<see cref="MarkStagnantSparse"/>,
/// <see cref="IsSparse"/>, <see cref="Move"/>), so that memory follows what is live rather than how long a few ids stay
/// in use.
/// </summary>
internal sealed class TextArena
{
    /// <summary>Bytes in a chunk (64 KB); a text longer than a quarter of it has a chunk of its own.</summary>
    public const int ChunkBytes = 1 << 16;

    private readonly List<byte[]?> _chunks = [];
    private readonly List<int> _live = [];          // bytes of texts not forgotten, per chunk
    private readonly List<int> _liveBefore = [];    // the same at the last MarkStagnantSparse
    private readonly List<bool> _marked = [];       // chunks whose texts are to be moved out
    private readonly Stack<int> _freeChunkIds = new();
    private readonly Stack<byte[]> _spare = new();  // emptied full-size chunks, kept for reuse
    private int _current = -1;
    private int _used;                              // bytes taken in the current chunk

    /// <summary>Chunks in use (not counting emptied ones kept for reuse).</summary>
    public int Chunks => _chunks.Count - _freeChunkIds.Count;

    public TextRef Add(string? text) => text is null ? TextRef.Null : Add(text.AsSpan());

    public TextRef Add(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return TextRef.Empty;
        var wide = !Ascii.IsValid(text);
        var bytes = wide ? text.Length * 2 : text.Length;
        TextRef kept;
        if (bytes > ChunkBytes / 4)
        {
            var own = NewChunk(new byte[bytes]);
            kept = new TextRef(own, 0, text.Length, wide);
        }
        else
        {
            // UTF-16 texts start at an even byte, so their code units are read where they are.
            var start = wide ? (_used + 1) & ~1 : _used;
            if (_current < 0 || start + bytes > ChunkBytes)
            {
                var previous = _current;
                _current = NewChunk(_spare.Count > 0 ? _spare.Pop() : new byte[ChunkBytes]);
                start = 0;
                // The chunk that stops being current may hold nothing live any more: only a current chunk is kept empty.
                if (previous >= 0 && _live[previous] == 0) FreeChunk(previous);
            }
            kept = new TextRef(_current, start, text.Length, wide);
            _used = start + bytes;
        }
        var into = _chunks[kept.Chunk].AsSpan(kept.Start, bytes);
        if (wide) MemoryMarshal.AsBytes(text).CopyTo(into);
        else Ascii.FromUtf16(text, into, out _);
        _live[kept.Chunk] += bytes;
        return kept;
    }

    private ReadOnlySpan<byte> BytesOf(TextRef text) => text.Length <= 0 ? default : _chunks[text.Chunk].AsSpan(text.Start, text.Bytes);

    /// <summary>Whether <paramref name="text"/> is <paramref name="chars"/>, ordinally (null is no text).</summary>
    public bool SameText(TextRef text, ReadOnlySpan<char> chars)
    {
        if (text.Length != chars.Length) return false;
        var bytes = BytesOf(text);
        // An ASCII text is never kept wide, so a wide text equals only a text with a character beyond ASCII, and a narrow
        // one only an ASCII text (Ascii.Equals is false for any other).
        return text.Wide ? MemoryMarshal.Cast<byte, char>(bytes).SequenceEqual(chars) : Ascii.Equals(bytes, chars);
    }

    public string? Text(TextRef text)
    {
        if (text.IsNull) return null;
        if (text.Length == 0) return "";
        var bytes = BytesOf(text);
        return text.Wide ? new string(MemoryMarshal.Cast<byte, char>(bytes)) : Encoding.ASCII.GetString(bytes);
    }

    /// <summary>Stops keeping <paramref name="text"/>; its chunk is freed when nothing in it is kept.</summary>
    public void Forget(TextRef text)
    {
        if (text.Length <= 0) return;
        if ((_live[text.Chunk] -= text.Bytes) == 0 && text.Chunk != _current) FreeChunk(text.Chunk);
    }

    /// <summary>
    /// Marks the chunks whose texts are worth moving out, and says how many: full-size chunks, not the current one, at
    /// least seven eighths forgotten and with nothing forgotten since the last call. Texts expire in about the order
    /// they were written, so a chunk that is still emptying will soon be free by itself; one that stopped emptying is
    /// held by a few ids that stay in use, for as long as they do. Finding their texts means reading every entry, so
    /// the owner does it when enough chunks are marked to be worth it.
    /// </summary>
    public int MarkStagnantSparse()
    {
        var marked = 0;
        for (var id = 0; id < _chunks.Count; id++)
        {
            var stagnant = _live[id] == _liveBefore[id];
            _liveBefore[id] = _live[id];
            _marked[id] = stagnant && id != _current && _chunks[id] is { Length: ChunkBytes } && _live[id] < ChunkBytes / 8;
            if (_marked[id]) marked++;
        }
        return marked;
    }

    /// <summary>Whether <paramref name="text"/> is in a chunk marked by <see cref="MarkStagnantSparse"/>.</summary>
    public bool IsSparse(TextRef text) => text.Length > 0 && _marked[text.Chunk];

    /// <summary>Keeps <paramref name="text"/> in the current chunk instead, and forgets it where it was.</summary>
    public TextRef Move(TextRef text)
    {
        // Through a string: moves are rare (a few long-lived ids, when chunks stagnate), and a text may be too long for
        // the stack.
        var moved = Add(Text(text));
        Forget(text);
        return moved;
    }

    private int NewChunk(byte[] bytes)
    {
        if (_freeChunkIds.TryPop(out var id))
        {
            _chunks[id] = bytes;
            _live[id] = 0;
            _liveBefore[id] = -1;
            _marked[id] = false;
            return id;
        }
        _chunks.Add(bytes);
        _live.Add(0);
        _liveBefore.Add(-1);
        _marked.Add(false);
        return _chunks.Count - 1;
    }

    private void FreeChunk(int id)
    {
        // Emptied chunks are all kept for reuse (so the arena never holds more than it once needed at the same time): a
        // hunt frees chunks about as fast as it fills new ones, and a reused chunk is one the collector need not
        // allocate, zero and promote again.
        if (_chunks[id] is { Length: ChunkBytes } bytes) _spare.Push(bytes);
        _chunks[id] = null;
        _marked[id] = false;
        _freeChunkIds.Push(id);
    }
}
