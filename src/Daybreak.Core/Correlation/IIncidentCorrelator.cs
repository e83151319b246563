using Daybreak.Detection;

namespace Daybreak.Correlation;

/// <summary>Joins a run's alerts into incidents (one campaign, one incident).</summary>
public interface IIncidentCorrelator
{
    CorrelationResult Correlate(IReadOnlyList<Alert> alerts);
}

/// <summary>What correlation made of a run's alerts: the incidents, and the community rules whose alerts it left out of
/// them because they fire across the tenant (<see cref="Correlation.TenantWideRules"/>).</summary>
public sealed record CorrelationResult(IReadOnlyList<Incident> Incidents, IReadOnlyList<TenantWideRule> TenantWideRules);
