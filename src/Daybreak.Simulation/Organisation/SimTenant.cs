namespace Daybreak.Simulation.Organisation;

/// <summary>An Entra tenant. <see cref="Short"/> names its output folder ("prod", "test").</summary>
internal sealed record SimTenant(Guid Id, string Short, string DisplayName, string Domain, string InitialDomain)
{
    public string ResourceId => $"/tenants/{Id}/providers/Microsoft.aadiam";
}
