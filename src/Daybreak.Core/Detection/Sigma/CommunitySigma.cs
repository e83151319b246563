using Daybreak.Events;
using Daybreak.Rules.Sigma;

namespace Daybreak.Detection.Sigma;

/// <summary>
/// Builds the detection that runs community (SigmaHQ) rules over raw records through the field mappings of
/// mappings/*.yml, routed by <see cref="CommunityRouting"/>.
/// </summary>
public static class CommunitySigma
{
    /// <summary>Detection name (alert rule ids stay the Sigma rule ids).</summary>
    public const string DetectionName = "sigma";

    /// <summary>The cloud rule folders Daybreak runs by default, relative to a SigmaHQ checkout.</summary>
    public static readonly IReadOnlyList<string> CloudRuleFolders =
    [
        "rules/cloud/azure", "rules/cloud/m365",
        "rules-threat-hunting/cloud/azure", "rules-threat-hunting/cloud/m365",
        "rules-placeholder/cloud/azure", "rules-placeholder/cloud/m365",
        "deprecated/cloud",
    ];

    /// <summary>The existing <see cref="CloudRuleFolders"/> under a SigmaHQ checkout.</summary>
    public static IReadOnlyList<string> CloudRuleDirectories(string sigmaRoot) =>
        CloudRuleFolders.Select(f => Path.Combine(sigmaRoot, f)).Where(Directory.Exists).ToArray();

    /// <summary>Loads the rules of <paramref name="ruleDirs"/> (recursively) and the mappings of <paramref name="mappingsDir"/>.</summary>
    public static CommunitySigmaSet Create(IEnumerable<string> ruleDirs, string mappingsDir, SigmaCorrelatorOptions? correlation = null)
    {
        var builder = SigmaEngine.CreateBuilder();
        foreach (var dir in ruleDirs)
        {
            if (File.Exists(dir)) builder.AddFile(dir);
            else builder.AddDirectory(dir);
        }
        return Create(builder.Build(), CommunityMappings.Load(mappingsDir), correlation);
    }

    /// <summary>Wraps an engine already built with the given mappings.</summary>
    public static CommunitySigmaSet Create(SigmaEngine engine, CommunityMappings mappings, SigmaCorrelatorOptions? correlation = null)
    {
        var preread = mappings.ForSource(SourceKind.SignIn) is { } signIns ? new Decoders.PrereadFields(signIns.Plan) : null;
        var detection = new SigmaDetection(DetectionName, engine, CommunityRouting.Route, View(mappings), correlation, readsRawRecords: true, preread, community: true);
        return new CommunitySigmaSet(detection, engine.Report, mappings, SigmaCoverage.Analyse(engine, mappings));
    }

    /// <summary>The event view: the raw record through its family's mapping (an empty view when no mapping exists).</summary>
    public static Func<AuditEvent, ISigmaEvent> View(CommunityMappings mappings)
    {
        var empty = new DictionarySigmaEvent(new Dictionary<string, FieldValue>());
        return evt => mappings.ForSource(evt.Source) is { } mapping ? new CommunitySigmaEvent(evt, mapping) : empty;
    }
}

/// <summary>What <see cref="CommunitySigma.Create(IEnumerable{string}, string, SigmaCorrelatorOptions?)"/> built.</summary>
public sealed record CommunitySigmaSet(SigmaDetection Detection, SigmaLoadReport Report, CommunityMappings Mappings, SigmaCoverage Coverage)
{

    public void Deconstruct(out SigmaDetection detection, out SigmaLoadReport report)
    {
        detection = Detection;
        report = Report;
    }
}
