using Daybreak.Rules.Sigma;

namespace Daybreak.Detection.Sigma;

/// <summary>Whether community rules can see the events they are written for.</summary>
public enum RuleCoverageStatus
{
    /// <summary>A mapping serves the rule's log source and produces every field it reads.</summary>
    Mappable,
    /// <summary>A mapping serves the log source but cannot produce some fields: the rule can never match.</summary>
    Unmappable,
    /// <summary>Daybreak has no data for the rule's log source (e.g. azure/activitylogs, the ARM activity log).</summary>
    SourceNotIngested,
}

/// <summary>One rule's coverage: its status, the mapping that serves it, and the fields it misses.</summary>
public sealed record RuleCoverage(SigmaRule Rule, RuleCoverageStatus Status, string? Mapping, IReadOnlyList<string> Fields,
    IReadOnlyList<string> MissingFields, string? Reason);

/// <summary>
/// The report of issue 4 item 2: per loaded rule, whether Daybreak's mappings can produce its fields. Correlation
/// rules are checked through the group-by fields they name.
/// </summary>
public sealed class SigmaCoverage
{
    private SigmaCoverage(IReadOnlyList<RuleCoverage> rules) => Rules = rules;

    public IReadOnlyList<RuleCoverage> Rules { get; }

    public int Mappable => Rules.Count(r => r.Status == RuleCoverageStatus.Mappable);

    public int Unmappable => Rules.Count(r => r.Status == RuleCoverageStatus.Unmappable);

    public int SourceNotIngested => Rules.Count(r => r.Status == RuleCoverageStatus.SourceNotIngested);

    public static SigmaCoverage Analyse(SigmaEngine engine, CommunityMappings mappings)
    {
        var rules = engine.Rules
            .Concat(engine.Correlations.Where(c => !c.Id.EndsWith(SigmaEngine.AggregationSuffix, StringComparison.Ordinal)))
            .Select(r => Analyse(r, mappings))
            .OrderBy(r => r.Rule.Location.File, StringComparer.Ordinal)
            .ThenBy(r => r.Rule.Location.Line)
            .ToArray();
        return new SigmaCoverage(rules);
    }

    public static RuleCoverage Analyse(SigmaRule rule, CommunityMappings mappings)
    {
        var fields = RuleFields.Of(rule);
        var source = rule.LogSource;
        var mapping = mappings.ForRule(source);
        if (mapping is null)
        {
            var reason = mappings.NotIngestedFor(source)?.Reason ?? $"no mapping serves log source {source}";
            return new RuleCoverage(rule, RuleCoverageStatus.SourceNotIngested, null, fields, [], reason);
        }
        var missing = fields.Where(f => !mapping.CanProduce(f)).ToArray();
        return missing.Length == 0
            ? new RuleCoverage(rule, RuleCoverageStatus.Mappable, mapping.Name, fields, [], null)
            : new RuleCoverage(rule, RuleCoverageStatus.Unmappable, mapping.Name, fields, missing,
                $"{mapping.Name} cannot produce {string.Join(", ", missing)}");
    }

    public override string ToString() => $"{Rules.Count} rules: {Mappable} mappable, {Unmappable} unmappable, {SourceNotIngested} log source not ingested";
}
