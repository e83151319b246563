using Daybreak.Detection;

namespace Daybreak.Correlation;

/// <summary>Joins a run's alerts into incidents (one campaign, one incident).</summary>
public interface IIncidentCorrelator
{
    IReadOnlyList<Incident> Correlate(IReadOnlyList<Alert> alerts);
}
