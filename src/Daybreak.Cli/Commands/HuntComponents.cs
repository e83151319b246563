using Daybreak.Cli.Infrastructure;
using Daybreak.Correlation;
using Daybreak.Detection;
using Daybreak.Detection.Builtin;
using Daybreak.Detection.Intel;
using Daybreak.Detection.Sigma;
using Daybreak.Pipeline;
using Daybreak.Storage;

namespace Daybreak.Cli.Commands;

/// <summary>
/// The composition root of a hunt's analysis: Daybreak's built-in detections (C# and the Sigma rules under rules/),
/// community Sigma rules when the user names them (<c>--sigma</c>), the case's imported threat-intel indicators,
/// and the incident correlator and mail-access scoper.
/// </summary>
internal static class HuntComponents
{
    public static HuntAnalysis Create(IngestSettings settings, CliEnvironment env, CaseStore store)
    {
        var rules = SigmaFolders.Find(SigmaFolders.Rules) ?? throw new StoreException("the rules/ folder shipped with Daybreak was not found beside the program");
        var detections = new List<IDetection>(BuiltinDetections.Create(null, rules));
        if (settings.Sigma.Length > 0)
        {
            var mappings = SigmaFolders.Find(SigmaFolders.Mappings) ?? throw new StoreException("the mappings/ folder shipped with Daybreak was not found beside the program");
            var community = CommunitySigma.Create(settings.Sigma, mappings);
            var report = community.Report;
            if (!settings.Json)
                env.Error.WriteLine($"community Sigma rules: {report.Loaded:N0} loaded, {report.Failed:N0} failed to load ('daybreak rules check' lists why)");
            detections.Add(community.Detection);
        }
        var indicators = IndicatorStore.Load(store);
        if (indicators.Count > 0) detections.Add(new IndicatorMatchDetection(indicators));
        var incidents = IncidentComponents.CreateDefault();
        // The hunt streams events from the case: once every detection has seen one, nothing needs its raw record.
        return new HuntAnalysis(detections, incidents.Correlator, incidents.Scoper) { ReleaseRaw = true };
    }
}
