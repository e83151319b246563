namespace Daybreak.Simulation.Organisation;

internal sealed record AppCredential(Guid KeyId, string Type, string DisplayName, string? Thumbprint);
