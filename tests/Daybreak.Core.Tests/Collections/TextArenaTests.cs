using Daybreak.Collections;

namespace Daybreak.Tests.Collections;

/// <summary>
/// The arena keeps ASCII texts a byte per character and any other text as its UTF-16 code units: every text must come
/// back exactly, compare equal only to itself, and free its chunk when forgotten, whatever it holds.
/// </summary>
public sealed class TextArenaTests
{
    // Texts that differ from each other only in ways a narrow or a careless wide encoding would lose.
    private static readonly string[] Texts =
    [
        "6a05f415-97dc-4635-23a8-29b30dec3c03", "203.0.113.7", "", "é", "e", "\u00e9t\u00e9", "\ufffd", "\ud800", "\udc00x",
        "\ud83d\ude00", "abc\u0000def", "ABC", "abc", "caf\u00e9", "cafe\u0301", "\u007f", "\u0080",
    ];

    [Fact]
    public void Texts_come_back_exactly_and_equal_only_themselves()
    {
        var arena = new TextArena();
        // Each text after a narrow one of odd length, so a wide text follows an odd number of bytes and must be aligned.
        var kept = Texts.Select(t => (Text: t, Ref: Keep(arena, t))).ToList();
        foreach (var (text, at) in kept)
        {
            Assert.Equal(text, arena.Text(at));
            foreach (var other in Texts) Assert.Equal(text == other, arena.SameText(at, other));
        }
        Assert.Null(arena.Text(arena.Add((string?)null)));
        Assert.False(arena.SameText(arena.Add((string?)null), ""));
    }

    private static TextRef Keep(TextArena arena, string text)
    {
        arena.Add("odd");
        return arena.Add(text);
    }

    [Fact]
    public void Ascii_takes_a_byte_per_character_and_other_text_two()
    {
        var arena = new TextArena();
        // A chunk holds twice as many ASCII texts as texts with one character beyond ASCII.
        var ascii = new string('a', 1_000);
        var wide = new string('a', 999) + "é";
        Assert.Equal(TextArena.ChunkBytes / 1_000, CountUntilSecondChunk(arena, ascii));
        Assert.Equal(TextArena.ChunkBytes / 2_000, CountUntilSecondChunk(new TextArena(), wide));
    }

    /// <summary>How many copies of <paramref name="text"/> the first chunk took.</summary>
    private static int CountUntilSecondChunk(TextArena arena, string text)
    {
        var n = 0;
        while (arena.Chunks < 2)
        {
            arena.Add(text);
            n++;
        }
        return n - 1;
    }

    [Fact]
    public void Long_texts_and_moved_texts_stay_whole()
    {
        var arena = new TextArena();
        var longWide = string.Concat(Enumerable.Repeat("\u00e9\ud800", 20_000));
        var longAscii = new string('z', 50_000);
        var a = arena.Add(longWide);
        var b = arena.Add(longAscii);
        Assert.Equal(longWide, arena.Text(arena.Move(a)));
        Assert.Equal(longAscii, arena.Text(b));
        arena.Forget(b);
        // Each long text has a chunk of its own, freed once it is forgotten (the moved one's first chunk by the move).
        Assert.Equal(1, arena.Chunks);
    }

    [Fact]
    public void A_reference_stays_twelve_bytes()
    {
        // Kept sign-ins hold five references and each key one, hundreds of thousands of them in a hunt.
        Assert.Equal(12, System.Runtime.CompilerServices.Unsafe.SizeOf<TextRef>());
    }
}
