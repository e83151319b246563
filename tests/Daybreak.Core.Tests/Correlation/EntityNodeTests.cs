using Daybreak.Correlation;
using Daybreak.Detection;

namespace Daybreak.Tests.Correlation;

/// <summary>The entities an alert joins through, and merging alerts' entities: sets of none, one and many values.</summary>
public sealed class EntityNodeTests
{
    private static Alert AlertWith(Action<AlertEntities> fill)
    {
        var entities = new AlertEntities();
        fill(entities);
        return new Alert { Rule = "r", Title = "t", Severity = Severity.Low, Time = DateTime.UnixEpoch, Techniques = [], Entities = entities, Evidence = [], Engine = "test" };
    }

    [Fact]
    public void Nodes_list_every_value_of_every_set_in_strength_order()
    {
        var alert = AlertWith(e =>
        {
            e.Campaigns.Add("spray:1");
            e.Sessions.UnionWith(["s2", "s1"]);
            e.UserIds.Add("oid-1");
            e.ServicePrincipals.Add("sp-1");
            e.Apps.UnionWith(["app-b", "app-a"]);
            e.Users.UnionWith(["amy@contoso.com", "bob@contoso.com"]);
            e.Ips.Add("203.0.113.1");
        });

        var nodes = EntityNode.Of(alert, _ => false).Select(n => n.ToString());

        Assert.Equal(["Campaign:spray:1", "Session:s1", "Session:s2", "ObjectId:oid-1", "ObjectId:sp-1", "App:app-a", "App:app-b",
            "User:amy@contoso.com", "User:bob@contoso.com", "Ip:203.0.113.1"], nodes);
    }

    [Fact]
    public void An_app_only_read_leaves_out_the_mailbox_owner_and_common_apps_are_no_link()
    {
        var alert = AlertWith(e =>
        {
            e.Apps.UnionWith(["common", "rogue"]);
            e.Users.UnionWith(["ceo@contoso.com", "admin@contoso.com"]);
            e.Mailboxes.Add("ceo@contoso.com");
        });

        Assert.Equal(["App:rogue", "User:admin@contoso.com"], EntityNode.Of(alert, a => a == "common").Select(n => n.ToString()));
    }

    [Fact]
    public void Union_adds_empty_single_and_many_valued_sets_alike()
    {
        var into = new AlertEntities();
        into.Ips.Add("203.0.113.9");
        var from = new AlertEntities();
        from.Ips.Add("203.0.113.1");
        from.Users.UnionWith(["b@contoso.com", "a@contoso.com", "c@contoso.com"]);
        from.Campaigns.Add("spray:7");

        into.UnionWith(from);
        into.UnionWith(new AlertEntities());

        Assert.Equal<string>(["203.0.113.1", "203.0.113.9"], into.Ips);
        Assert.Equal<string>(["a@contoso.com", "b@contoso.com", "c@contoso.com"], into.Users);
        Assert.Equal<string>(["spray:7"], into.Campaigns);
        Assert.Empty(into.Sessions);
    }
}
