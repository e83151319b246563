using System.Text;
using Daybreak.Decoders.SignIns;
using Names = Daybreak.Decoders.SignIns.DiagnosticSignInFields.NameSet;

namespace Daybreak.Tests.Decoders.SignIns;

/// <summary>The diagnostic sign-in reader's name lookup: what it learns of the order names come in may make it faster,
/// never give another answer.</summary>
public sealed class DiagnosticSignInNamesTests
{
    private static Names Fresh() => new(["event"], [("id", 0), ("status", 1), ("ipAddress", 2), ("location", 3)]);

    private static int[] MatchAll(Names names, params string[] properties)
    {
        var context = Names.Start;
        return [.. properties.Select(p => names.Match(Encoding.UTF8.GetBytes(p), ref context))];
    }

    [Fact]
    public void Answers_are_the_same_whatever_order_was_seen_before()
    {
        var names = Fresh();
        Assert.Equal([0, 1, 2, 3], MatchAll(names, "id", "status", "ipAddress", "location"));
        // Learnt id -> status -> ipAddress -> location; now case variants, a refusal and unknown names where those were.
        Assert.Equal([0, Names.Refused, Names.Refused, Names.Unknown], MatchAll(names, "id", "Status", "IPADDRESS", "locations"));
        Assert.Equal([Names.Refused, Names.Unknown, 1], MatchAll(names, "event", "", "status"));
        Assert.Equal([3, 2, 1, 0], MatchAll(names, "location", "ipAddress", "status", "id"));
    }

    [Fact]
    public void Every_name_in_every_context_matches_as_a_fresh_set_does()
    {
        string[] properties = ["id", "ID", "status", "STATUS", "ipAddress", "location", "Location", "event", "Event", "other", ""];
        var learnt = Fresh();
        var random = new Random(11);
        for (var round = 0; round < 200; round++)
        {
            var sequence = Enumerable.Range(0, 6).Select(_ => properties[random.Next(properties.Length)]).ToArray();
            var fresh = sequence.Select(p =>
            {
                var context = Names.Start;
                return Fresh().Match(Encoding.UTF8.GetBytes(p), ref context);
            });
            Assert.Equal(fresh, MatchAll(learnt, sequence));
        }
    }

    [Fact]
    public void Names_that_differ_only_in_case_are_refused_when_the_set_is_made()
    {
        Assert.Throws<ArgumentException>(() => new Names([], [("id", 0), ("Id", 1)]));
    }
}
