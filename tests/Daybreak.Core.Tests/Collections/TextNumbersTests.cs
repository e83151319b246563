using Daybreak.Collections;

namespace Daybreak.Tests.Collections;

/// <summary>Each distinct text gets one number, in order of first sight, and keeps it through the table's growth; texts
/// that differ in any code unit are different texts.</summary>
public sealed class TextNumbersTests
{
    [Fact]
    public void Numbers_follow_first_sight_and_a_text_seen_again_keeps_its_number()
    {
        var numbers = new TextNumbers();
        Assert.Equal(0, numbers.Number("203.0.113.7"));
        Assert.Equal(1, numbers.Number("198.51.100.1", out var added));
        Assert.True(added);
        Assert.Equal(0, numbers.Number("203.0.113.7", out added));
        Assert.False(added);
        Assert.Equal(2, numbers.Count);
        Assert.Equal("198.51.100.1", numbers[1]);
        Assert.Equal(-1, numbers.Find("192.0.2.1"));
        Assert.Equal(2, numbers.Count); // finding numbers nothing
        Assert.Throws<ArgumentOutOfRangeException>(() => numbers[2]);
    }

    [Fact]
    public void Texts_that_differ_in_case_accents_or_a_lone_surrogate_are_different_texts()
    {
        string[] texts = ["abc", "ABC", "", "é", "e\u0301", "\ud800", "\udc00", "\ud83d\ude00", "a\u0000b", "2001:DB8::1", "2001:db8::1"];
        var numbers = new TextNumbers();
        foreach (var t in texts) numbers.Number(t);
        Assert.Equal(texts.Length, numbers.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(i, numbers.Find(texts[i]));
            Assert.Equal(texts[i], numbers[i]);
        }
    }

    [Fact]
    public void Growth_keeps_every_number_against_a_dictionary()
    {
        var numbers = new TextNumbers();
        var model = new Dictionary<string, int>(StringComparer.Ordinal);
        var random = new Random(7);
        // Far past the first 256 buckets, with repeats and lengths from empty to longer than a small arena text.
        for (var i = 0; i < 50_000; i++)
        {
            var text = random.Next(4) == 0 && model.Count > 0
                ? model.Keys.ElementAt(random.Next(Math.Min(model.Count, 100)))
                : $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}" + new string('x', random.Next(3) == 0 ? random.Next(300) : 0);
            if (!model.TryGetValue(text, out var expected)) model[text] = expected = model.Count;
            Assert.Equal(expected, numbers.Number(text));
        }
        Assert.Equal(model.Count, numbers.Count);
        foreach (var (text, number) in model)
        {
            Assert.Equal(number, numbers.Find(text));
            Assert.Equal(text, numbers[number]);
        }
    }
}
