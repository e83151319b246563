using Daybreak.Correlation;
using Daybreak.Scoping;

namespace Daybreak.Tests.Correlation;

/// <summary>An incident's title counts the mailboxes reached: as its alerts name them, then as its blast radius found them.</summary>
public sealed class IncidentTitleTests
{
    [Fact]
    public void The_blast_radius_count_replaces_the_alerts_count_when_it_is_larger()
    {
        var incident = new Incident { Id = "inc-1", Title = "" };
        incident.SetTitle("Initial access → collection by app Legacy", 2, vip: true);
        Assert.Equal("Initial access → collection by app Legacy (2 mailboxes reached, VIP)", incident.Title);

        incident.BlastRadius = Radius("a@x", "b@x", "c@x", "d@x");
        incident.CountBlastRadiusInTitle();
        Assert.Equal("Initial access → collection by app Legacy (4 mailboxes reached, VIP)", incident.Title);
    }

    [Fact]
    public void A_smaller_or_missing_blast_radius_leaves_the_title_alone()
    {
        var incident = new Incident { Id = "inc-2", Title = "" };
        incident.SetTitle("Credential access on amy@x", 0, vip: false);
        Assert.Equal("Credential access on amy@x", incident.Title);
        incident.CountBlastRadiusInTitle();
        Assert.Equal("Credential access on amy@x", incident.Title);

        incident.BlastRadius = Radius("amy@x");
        incident.CountBlastRadiusInTitle();
        Assert.Equal("Credential access on amy@x (1 mailbox reached)", incident.Title);

        var named = new Incident { Id = "inc-3", Title = "set by hand" };
        named.BlastRadius = Radius("a@x", "b@x");
        named.CountBlastRadiusInTitle();
        Assert.Equal("set by hand", named.Title);
    }

    private static BlastRadius Radius(params string[] owners)
    {
        var radius = new BlastRadius();
        foreach (var owner in owners) radius.Mailboxes.Add(new MailboxExposure { Owner = owner });
        return radius;
    }
}
