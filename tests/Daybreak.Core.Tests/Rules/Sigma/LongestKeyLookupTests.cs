using System.Text.Json;
using Daybreak.Rules.Sigma;

namespace Daybreak.Tests.Rules.Sigma;

/// <summary>
/// The one-pass lookup of the longest dotted key must answer exactly as trying each dotted key, longest first, with
/// the exact name before a case-insensitive one (the way field lookups worked before it). Compared over generated
/// objects whose keys collide in every way that matters: case, dots inside keys, duplicates, escapes, non-ASCII.
/// </summary>
public sealed class LongestKeyLookupTests
{
    private static readonly string[] Keys =
    [
        "a", "A", "b", "B", "a.b", "A.B", "a.B", "a.b.c", "b.c", "c", "C", "\u00e9", "\u00c9", "a.\u00e9", "\u0131",
        "I", "i", "a\\u002eb", "\\u0061", "x", "",
    ];

    private static readonly string[] Paths = ["a", "A", "a.b", "A.b.C", "a.b.c", "b.c", "\u00e9", "a.\u00c9", "I", "i", "\u0131", "a.\u0131", "a.b.c.d", "x.y", "c"];

    [Fact]
    public void Finds_what_trying_each_dotted_key_longest_first_finds()
    {
        var random = new Random(7);
        var compared = 0;
        var found = 0;
        for (var n = 0; n < 3000; n++)
        {
            var count = random.Next(0, 7);
            var members = Enumerable.Range(0, count).Select(i => $"\"{Keys[random.Next(Keys.Length)]}\":{i}");
            using var doc = JsonDocument.Parse("{" + string.Join(",", members) + "}");
            foreach (var name in Paths)
            {
                var path = FieldPath.Of(name);
                for (var index = 0; index < path.Parts.Length; index++)
                {
                    var expected = Reference(doc.RootElement, path.Parts, index, out var expectedEnd, out var expectedValue);
                    var actual = EmbeddedJson.TryGetLongest(doc.RootElement, path, index, out var end, out var value);
                    Assert.Equal(expected, actual);
                    compared++;
                    if (!expected) continue;
                    found++;
                    Assert.Equal(expectedEnd, end);
                    Assert.Equal(expectedValue.GetInt32(), value.GetInt32());
                }
            }
        }
        // The generator must exercise both outcomes a good many times, or the comparison proves little.
        Assert.True(found > 5000 && compared - found > 5000, $"{found} found of {compared}");
    }

    [Fact]
    public void The_property_index_and_a_record_looked_up_twice_answer_as_the_scan_does()
    {
        var random = new Random(13);
        var index = new PropertyIndex(); // one index, rebuilt for every object, as a view's spares are
        var answered = 0;
        var found = 0;
        for (var n = 0; n < 3000; n++)
        {
            // Up to 80 members: past the index's first arrays (32 properties) and bucket table.
            var count = random.Next(0, n % 10 == 0 ? 80 : 7);
            var members = Enumerable.Range(0, count).Select(i => $"\"{Keys[random.Next(Keys.Length)]}\":{i}");
            var json = "{" + string.Join(",", members) + "}";
            using var doc = JsonDocument.Parse(json);
            index.Build(doc.RootElement);
            using var record = JsonSigmaEvent.ParsePooled(System.Text.Encoding.UTF8.GetBytes(json));
            foreach (var name in Paths)
            {
                var path = FieldPath.Of(name);
                for (var start = 0; start < path.Parts.Length; start++)
                {
                    var expected = Reference(doc.RootElement, path.Parts, start, out var expectedEnd, out var expectedValue);
                    // The record: the first lookup scans, the second goes through the index it then makes.
                    for (var time = 0; time < 2; time++)
                    {
                        Assert.Equal(expected, record.TryGetLongest(record.Root, inRecord: true, path, start, out var recordEnd, out var recordValue));
                        if (expected) Assert.Equal((expectedEnd, expectedValue.GetInt32()), (recordEnd, recordValue.GetInt32()));
                    }
                    if (!index.TryGetLongest(path, start, out var actual, out var end, out var value)) continue; // a part not ASCII: scanned
                    answered++;
                    Assert.Equal(expected, actual);
                    if (!expected) continue;
                    found++;
                    Assert.Equal((expectedEnd, expectedValue.GetInt32()), (end, value.GetInt32()));
                }
            }
        }
        Assert.True(found > 5000 && answered - found > 5000, $"{found} found of {answered} answered by the index");
    }

    [Fact]
    public void Takes_the_longest_key_then_the_exact_name_then_the_first_case_insensitive_one()
    {
        using var doc = JsonDocument.Parse("""{"a":1,"A.B":2,"a.b":3,"a.B":4}""");
        Assert.True(EmbeddedJson.TryGetLongest(doc.RootElement, FieldPath.Of("a.b"), 0, out var end, out var value));
        Assert.Equal((2, 3), (end, value.GetInt32()));
        Assert.True(EmbeddedJson.TryGetLongest(doc.RootElement, FieldPath.Of("a.b.x"), 0, out end, out value));
        Assert.Equal((2, 3), (end, value.GetInt32()));
        Assert.True(EmbeddedJson.TryGetLongest(doc.RootElement, FieldPath.Of("A.b"), 0, out end, out value));
        Assert.Equal((2, 2), (end, value.GetInt32()));
        Assert.False(EmbeddedJson.TryGetLongest(doc.RootElement, FieldPath.Of("b"), 0, out _, out _));
    }

    /// <summary>The lookup as it was: each run of parts, longest first, through <see cref="TryGetProperty"/>.</summary>
    private static bool Reference(JsonElement obj, string[] parts, int index, out int end, out JsonElement value)
    {
        for (end = parts.Length; end > index; end--)
        {
            if (TryGetProperty(obj, string.Join('.', parts, index, end - index), out value)) return true;
        }
        value = default;
        return false;
    }

    /// <summary>One name as field lookups took it before: the exact name, else the first case-insensitive one.</summary>
    private static bool TryGetProperty(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.TryGetProperty(name, out value)) return true;
        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }
        return false;
    }
}
