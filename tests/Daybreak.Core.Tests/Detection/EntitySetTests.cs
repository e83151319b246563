using Daybreak.Detection;

namespace Daybreak.Core.Tests.Detection;

/// <summary>
/// An alert's entity sets keep one value in the slot itself and a sorted set from the second on; whichever they hold,
/// they must behave as the ordinal sorted sets they replace.
/// </summary>
public class EntitySetTests
{
    [Fact]
    public void Behaves_as_an_ordinal_sorted_set_through_every_shape()
    {
        var rng = new Random(7);
        string[] pool = ["b", "a", "B", "é", "aa", "10.0.0.1", "10.0.0.10", "zz", "A"];
        for (var round = 0; round < 300; round++)
        {
            var entities = new AlertEntities();
            var reference = new SortedSet<string>(StringComparer.Ordinal);
            var n = rng.Next(0, 6);
            for (var i = 0; i < n; i++)
            {
                var v = pool[rng.Next(pool.Length)];
                Assert.Equal(reference.Add(v), entities.Ips.Add(v));
            }
            Assert.Equal(reference, entities.Ips);
            Assert.Equal(reference.Count, entities.Ips.Count);
            Assert.Equal(reference.Min, entities.Ips.Min);
            foreach (var v in pool) Assert.Equal(reference.Contains(v), entities.Ips.Contains(v));
            Assert.Equal(string.Join(", ", reference), entities.Ips.ToString());
            Assert.Equal(string.Join(' ', reference), string.Join(' ', entities.Ips));
            // Only the kind added to holds values.
            Assert.Empty(entities.Users);
            Assert.Null(entities.Campaigns.Min);
        }
    }

    [Fact]
    public void Large_sets_and_their_unions_behave_as_ordinal_sorted_sets()
    {
        var rng = new Random(11);
        // Values that order differently under ordinal and culture comparison, and enough of them to grow the array.
        var pool = Enumerable.Range(0, 400).Select(i => (i % 4) switch { 0 => $"10.0.{i % 7}.{i}", 1 => $"User{i}", 2 => $"user{i}", _ => $"é{i}" }).ToArray();
        for (var round = 0; round < 40; round++)
        {
            var a = new AlertEntities();
            var b = new AlertEntities();
            var refA = new SortedSet<string>(StringComparer.Ordinal);
            var refB = new SortedSet<string>(StringComparer.Ordinal);
            for (var i = rng.Next(0, 300); i > 0; i--)
            {
                var v = pool[rng.Next(pool.Length)];
                Assert.Equal(refA.Add(v), a.Ips.Add(v));
            }
            for (var i = rng.Next(0, 300); i > 0; i--) { var v = pool[rng.Next(pool.Length)]; refB.Add(v); b.Ips.Add(v); }
            Assert.Equal(refA, a.Ips);
            Assert.Equal(refA.Min, a.Ips.Min);
            foreach (var v in pool) Assert.Equal(refA.Contains(v), a.Ips.Contains(v));

            a.UnionWith(b);
            refA.UnionWith(refB);
            Assert.Equal(refA, a.Ips);
            Assert.Equal(refA.Count, a.Ips.Count);
            Assert.Equal(refB, b.Ips);
            // Adding after a union keeps both sets apart and in order.
            Assert.Equal(refA.Add("0.new"), a.Ips.Add("0.new"));
            Assert.Equal(refA, a.Ips);
            Assert.Equal(refB, b.Ips);
        }
    }

    [Fact]
    public void Adding_while_enumerating_a_set_of_many_fails_rather_than_reading_shifted_values()
    {
        var e = new AlertEntities();
        e.Users.Add("b");
        e.Users.Add("c");
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var u in e.Users) e.Users.Add("a" + u);
        });
    }

    [Fact]
    public void Union_merges_every_shape_into_every_shape_without_sharing_sets()
    {
        string[][] shapes = [[], ["m"], ["a"], ["z"], ["m", "a"], ["a", "m", "z"]];
        foreach (var into in shapes)
        foreach (var from in shapes)
        {
            var a = new AlertEntities();
            var b = new AlertEntities();
            foreach (var v in into) a.Apps.Add(v);
            foreach (var v in from) b.Apps.Add(v);
            b.Sessions.Add("s-" + from.Length);

            a.UnionWith(b);

            Assert.Equal(into.Union(from).Order(StringComparer.Ordinal), a.Apps);
            Assert.Equal<string>(["s-" + from.Length], a.Sessions);
            // The source is unchanged, and later adds to the merged set do not reach it.
            a.Apps.Add("new");
            Assert.Equal(from.Order(StringComparer.Ordinal), b.Apps);
        }
    }

    [Fact]
    public void Add_lower_cases_and_trims_ids_and_ignores_blanks()
    {
        var e = new AlertEntities();
        AlertEntities.Add(e.Users, "  Alice@Contoso.COM ");
        AlertEntities.Add(e.Users, "alice@contoso.com");
        AlertEntities.Add(e.Users, " ");
        AlertEntities.Add(e.Users, null);
        Assert.Equal<string>(["alice@contoso.com"], e.Users);
        Assert.True(e.Users.Overlaps(["x", "alice@contoso.com"]));
        Assert.False(e.Users.Overlaps(["Alice@Contoso.COM"]));
    }

    [Fact]
    public void A_set_of_no_alert_reads_empty_and_refuses_values()
    {
        var none = default(EntitySet);
        Assert.Empty(none);
        Assert.False(none.Contains("a"));
        Assert.Throws<InvalidOperationException>(() => none.Add("a"));
    }
}
