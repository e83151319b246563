using Daybreak.Events;
using Daybreak.Rules.Sigma;

namespace Daybreak.Detection.Sigma;

/// <summary>
/// Builds the detection for Daybreak's own YAML rules (rules/): logsource product <c>daybreak</c>, service the source
/// name (signin, audit, ual, graphactivity, risk), read through the normalised view.
/// </summary>
public static class BuiltinSigma
{
    public const string Product = "daybreak";

    public const string DetectionName = "rules";

    private static readonly Dictionary<SourceKind, SigmaLogSource[]> Routes =
        Enum.GetValues<SourceKind>().ToDictionary(k => k, k => new[] { new SigmaLogSource(Product, k.Name(), null) });

    public static (SigmaDetection Detection, SigmaLoadReport Report) Create(string rulesDir, SigmaCorrelatorOptions? correlation = null)
    {
        var builder = SigmaEngine.CreateBuilder();
        if (Directory.Exists(rulesDir)) builder.AddDirectory(rulesDir);
        var engine = builder.Build();
        var detection = new SigmaDetection(DetectionName, engine, Route, e => new NormalisedSigmaEvent(e), correlation);
        return (detection, engine.Report);
    }

    public static IReadOnlyList<SigmaLogSource> Route(AuditEvent evt) => Routes[evt.Source];
}
