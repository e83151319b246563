namespace Daybreak.Simulation.Records;

internal sealed record AuditTarget(string Id, string? DisplayName, string Type, string? UserPrincipalName, IReadOnlyList<ModifiedProperty> ModifiedProperties);
