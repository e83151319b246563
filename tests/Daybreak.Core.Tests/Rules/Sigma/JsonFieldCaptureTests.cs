using System.Text;
using Daybreak.Rules.Sigma;

namespace Daybreak.Tests.Rules.Sigma;

/// <summary>
/// Reading a record once for a plan's paths must answer exactly as looking each path up in the parsed record, or say
/// it is unsure. Compared over generated records whose names and values meet the paths in every way that matters:
/// case, duplicates, dots inside names, escapes, non-ASCII, arrays and JSON text on the way, objects and arrays at the
/// end, numbers JSON allows but a double does not hold.
/// </summary>
public sealed class JsonFieldCaptureTests
{
    private static readonly string[] Keys = ["a", "A", "b", "B", "c", "x", "y", "d", "a.b", "\\u0061", "\u00e9", "C"];

    private static readonly string[] Paths = ["a", "A", "b", "a.b", "A.B", "a.b.c", "b.c", "c.a", "x.y", "a.x.y", "d", "\u00e9"];

    private static readonly string[] Scalars =
    [
        "1", "-0", "2.50", "1e400", "12345678901234567890", "true", "false", "null", "\"text\"", "\"\"", "\"\\u0041b\"",
        "\"{\\\"c\\\":1}\"", "\"caf\u00e9\"",
    ];

    [Fact]
    public void Answers_as_the_parsed_record_does_or_says_it_is_unsure()
    {
        var random = new Random(5);
        var plan = new JsonFieldPlan();
        var ids = Paths.Select(p => plan.Add(FieldPath.Of(p))).ToArray();
        Assert.Equal(-1, ids[^1]); // a non-ASCII part is never planned: always looked up in the parsed record
        Assert.Equal(ids[0], ids[1]); // paths that differ only in case are one
        var capture = new JsonFieldCapture();
        int found = 0, notFound = 0, unsure = 0;
        for (var n = 0; n < 8000; n++)
        {
            var json = Object(random, 0);
            var utf8 = Encoding.UTF8.GetBytes(json);
            capture.Run(plan, utf8);
            var parsed = JsonSigmaEvent.Parse(utf8);
            for (var p = 0; p < Paths.Length; p++)
            {
                if (ids[p] < 0) continue;
                var expected = parsed.TryGetField(FieldPath.Of(Paths[p]), out var expectedValue);
                switch (capture.TryGet(ids[p], out var value))
                {
                    case JsonFieldCapture.Result.Unsure:
                        unsure++;
                        break;
                    case JsonFieldCapture.Result.NotFound:
                        Assert.False(expected, $"{Paths[p]} in {json}");
                        notFound++;
                        break;
                    default:
                        Assert.True(expected, $"{Paths[p]} in {json}");
                        Assert.Equal(expectedValue.Kind, value.Kind);
                        Assert.Equal(expectedValue.Text, value.Text);
                        Assert.Equal(expectedValue.TryGetNumber(out var a), value.TryGetNumber(out var b));
                        Assert.Equal(a, b);
                        found++;
                        break;
                }
            }
        }
        // Each answer must come up a good many times, or the comparison proves little.
        Assert.True(found > 2000 && notFound > 5000 && unsure > 1000, $"{found} found, {notFound} not found, {unsure} unsure");
    }

    [Fact]
    public void A_record_that_does_not_parse_leaves_every_path_unsure()
    {
        var plan = new JsonFieldPlan();
        var id = plan.Add(FieldPath.Of("a"));
        var capture = new JsonFieldCapture();
        foreach (var json in new[] { "{\"a\":1} trailing", "{\"a\":1,}", "[{\"a\":1}]", "{\"a\":", "\"a\"" })
        {
            capture.Run(plan, Encoding.UTF8.GetBytes(json));
            Assert.Equal(JsonFieldCapture.Result.Unsure, capture.TryGet(id, out _));
        }
    }

    private static string Object(Random random, int depth)
    {
        var members = Enumerable.Range(0, random.Next(0, 6)).Select(_ => $"\"{Keys[random.Next(Keys.Length)]}\":{Value(random, depth + 1)}");
        return "{" + string.Join(",", members) + "}";
    }

    private static string Value(Random random, int depth) => random.Next(10) switch
    {
        < 4 when depth < 4 => Object(random, depth),
        4 when depth < 4 => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 3)).Select(_ => Value(random, depth + 1))) + "]",
        _ => Scalars[random.Next(Scalars.Length)],
    };
}
