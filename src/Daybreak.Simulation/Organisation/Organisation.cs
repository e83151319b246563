namespace Daybreak.Simulation.Organisation;

/// <summary>The simulated company: a production tenant, a non-production test tenant, people, apps and networks.</summary>
internal sealed class Organisation
{
    public required SimTenant Production { get; init; }
    public required SimTenant Test { get; init; }
    public required IReadOnlyList<SimUser> Users { get; init; }
    public required IReadOnlyList<SimUser> TestUsers { get; init; }
    /// <summary>Service principals in the production tenant, keyed by app id.</summary>
    public required Dictionary<Guid, SimApp> Apps { get; init; }
    public required IReadOnlyList<SimApp> FirstParty { get; init; }
    public required SimApp BackupApp { get; init; }
    public required SimApp EDiscoveryApp { get; init; }
    public required SimApp CrmApp { get; init; }
    public required SimApp HrProvisioningApp { get; init; }
    /// <summary>The legacy test OAuth app: registered in the test tenant, consented with elevated rights in production.</summary>
    public required SimApp LegacyTestApp { get; init; }
    /// <summary>The legacy test app's service principal in the test tenant.</summary>
    public required SimApp LegacyTestAppInTestTenant { get; init; }
    /// <summary>Line-of-business apps registered by the company's developers.</summary>
    public required IReadOnlyList<SimApp> BusinessApps { get; init; }
    /// <summary>The legacy test account in the test tenant: no MFA, weak password.</summary>
    public required SimUser LegacyTestAccount { get; init; }
    public required IReadOnlyList<SimUser> Admins { get; init; }
    public required IReadOnlyList<SimUser> Developers { get; init; }
    public required IReadOnlyList<SimUser> Vips { get; init; }
    /// <summary>Users whose mailbox matters most to an attacker: leadership, security and legal.</summary>
    public required IReadOnlyList<SimUser> HighValueMailboxes { get; init; }
    /// <summary>A user whose old phone keeps retrying a stale password.</summary>
    public required SimUser MisconfiguredDeviceUser { get; init; }
    public required SimIp MisconfiguredDeviceIp { get; init; }

    /// <summary>Benign third-party apps users consent to (User.Read).</summary>
    public required IReadOnlyList<SimApp> ConsentableApps { get; init; }

    public SimApp FirstPartyApp(Guid appId) => Apps[appId];
}
