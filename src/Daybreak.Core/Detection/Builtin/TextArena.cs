namespace Daybreak.Detection.Builtin;

/// <summary>A text kept in a <see cref="TextArena"/>: its chunk, where it starts and how many characters; a negative length is null.</summary>
internal readonly record struct TextRef(int Chunk, int Start, int Length)
{
    public static readonly TextRef Null = new(0, 0, -1);
    public static readonly TextRef Empty = new(0, 0, 0);

    public bool IsNull => Length < 0;
}

/// <summary>
/// Text that a detection keeps for days, as characters in large chunks rather than a string object each. The collector
/// never looks inside an array of characters: hundreds of thousands of kept ids cost it one object per 64 KB chunk to
/// mark, where the same ids as strings were objects that every full collection of a hunt marked. Chunks stay just
/// under the large object heap's threshold (85,000 bytes): there, each new chunk counted towards the budget that starts
/// full collections (72 MB of them in a 10x hunt with SigmaHQ's cloud rules; full collections 19 -> 16 at 64 KB),
/// while in the young generation a chunk is copied once or twice on its way to the old one. The owner says which texts it stops using
/// (<see cref="Forget"/>); a chunk whose texts are all forgotten is reused, and the owner moves the few texts left in
/// chunks that stay mostly forgotten (<see cref="MarkStagnantSparse"/>, <see cref="IsSparse"/>, <see cref="Move"/>),
/// so that memory follows what is live rather than how long a few ids stay in use.
/// </summary>
internal sealed class TextArena
{
    /// <summary>Characters in a chunk (64 KB); a text longer than a quarter of it has a chunk of its own.</summary>
    public const int ChunkChars = 1 << 15;

    private readonly List<char[]?> _chunks = [];
    private readonly List<int> _live = [];          // characters of texts not forgotten, per chunk
    private readonly List<int> _liveBefore = [];    // the same at the last MarkStagnantSparse
    private readonly List<bool> _marked = [];       // chunks whose texts are to be moved out
    private readonly Stack<int> _freeChunkIds = new();
    private readonly Stack<char[]> _spare = new();  // emptied full-size chunks, kept for reuse
    private int _current = -1;
    private int _used;                              // characters taken in the current chunk

    /// <summary>Chunks in use (not counting emptied ones kept for reuse).</summary>
    public int Chunks => _chunks.Count - _freeChunkIds.Count;

    public TextRef Add(string? text) => text is null ? TextRef.Null : Add(text.AsSpan());

    public TextRef Add(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return TextRef.Empty;
        if (text.Length > ChunkChars / 4)
        {
            var own = NewChunk(new char[text.Length]);
            text.CopyTo(_chunks[own]);
            _live[own] = text.Length;
            return new TextRef(own, 0, text.Length);
        }
        if (_current < 0 || _used + text.Length > ChunkChars)
        {
            var previous = _current;
            _current = NewChunk(_spare.Count > 0 ? _spare.Pop() : new char[ChunkChars]);
            _used = 0;
            // The chunk that stops being current may hold nothing live any more: only a current chunk is kept empty.
            if (previous >= 0 && _live[previous] == 0) FreeChunk(previous);
        }
        text.CopyTo(_chunks[_current].AsSpan(_used));
        var kept = new TextRef(_current, _used, text.Length);
        _used += text.Length;
        _live[_current] += text.Length;
        return kept;
    }

    public ReadOnlySpan<char> Span(TextRef text) => text.Length <= 0 ? default : _chunks[text.Chunk].AsSpan(text.Start, text.Length);

    public string? Text(TextRef text) => text.IsNull ? null : text.Length == 0 ? "" : new string(_chunks[text.Chunk]!, text.Start, text.Length);

    /// <summary>Stops keeping <paramref name="text"/>; its chunk is freed when nothing in it is kept.</summary>
    public void Forget(TextRef text)
    {
        if (text.Length <= 0) return;
        if ((_live[text.Chunk] -= text.Length) == 0 && text.Chunk != _current) FreeChunk(text.Chunk);
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
            _marked[id] = stagnant && id != _current && _chunks[id] is { Length: ChunkChars } && _live[id] < ChunkChars / 8;
            if (_marked[id]) marked++;
        }
        return marked;
    }

    /// <summary>Whether <paramref name="text"/> is in a chunk marked by <see cref="MarkStagnantSparse"/>.</summary>
    public bool IsSparse(TextRef text) => text.Length > 0 && _marked[text.Chunk];

    /// <summary>Keeps <paramref name="text"/> in the current chunk instead, and forgets it where it was.</summary>
    public TextRef Move(TextRef text)
    {
        var moved = Add(Span(text));
        Forget(text);
        return moved;
    }

    private int NewChunk(char[] chars)
    {
        if (_freeChunkIds.TryPop(out var id))
        {
            _chunks[id] = chars;
            _live[id] = 0;
            _liveBefore[id] = -1;
            _marked[id] = false;
            return id;
        }
        _chunks.Add(chars);
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
        if (_chunks[id] is { Length: ChunkChars } chars) _spare.Push(chars);
        _chunks[id] = null;
        _marked[id] = false;
        _freeChunkIds.Push(id);
    }
}
