using System.Text;
using Daybreak.Decoders;

namespace Daybreak.Tests.Decoders;

/// <summary>The single-pass readers' name lookup: what it learns of the order names come in may make it faster, never
/// give another answer.</summary>
public sealed class FieldNamesTests
{
    private static FieldNames Names() => new([("ID", 0), ("Id", 1), ("Type", 2), ("Name", 3)], ["Value"]);

    private static int[] MatchAll(FieldNames names, params string[] properties)
    {
        var context = FieldNames.Start;
        return [.. properties.Select(p => names.Match(Encoding.UTF8.GetBytes(p), ref context))];
    }

    [Fact]
    public void Answers_are_the_same_whatever_order_was_seen_before()
    {
        string[] order = ["Id", "Type", "Name"];
        int[] expected = [1, 2, 3];
        var names = Names();
        Assert.Equal(expected, MatchAll(names, order));
        // Learnt "Id" -> "Type" -> "Name"; now other orders, case variants, refused and unknown names in the learnt places.
        Assert.Equal([0, 3, 2], MatchAll(names, "ID", "Name", "Type"));
        Assert.Equal([1, FieldNames.Refused, FieldNames.Refused], MatchAll(names, "Id", "type", "NAME"));
        Assert.Equal([FieldNames.Refused, FieldNames.Unknown, 2], MatchAll(names, "Value", "Other", "Type"));
        Assert.Equal([FieldNames.Refused, 1, FieldNames.Unknown], MatchAll(names, "iD", "Id", ""));
        Assert.Equal(expected, MatchAll(names, order));
    }

    [Fact]
    public void Every_name_in_every_context_matches_as_a_fresh_table_does()
    {
        string[] properties = ["ID", "Id", "id", "Type", "TYPE", "Name", "Value", "value", "Other", "Nam", "Names", ""];
        var learnt = Names();
        var random = new Random(7);
        for (var round = 0; round < 200; round++)
        {
            var sequence = Enumerable.Range(0, 6).Select(_ => properties[random.Next(properties.Length)]).ToArray();
            // A fresh table has learnt nothing: each name is looked up in full.
            var fresh = sequence.Select(p =>
            {
                var context = FieldNames.Start;
                return Names().Match(Encoding.UTF8.GetBytes(p), ref context);
            });
            Assert.Equal(fresh, MatchAll(learnt, sequence));
        }
    }
}
