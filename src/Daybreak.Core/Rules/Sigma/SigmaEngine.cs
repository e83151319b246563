using System.Collections.Concurrent;
using System.Diagnostics;

namespace Daybreak.Rules.Sigma;

/// <summary>
/// Compiled Sigma rules: routes each event to the rules of its log source and returns the matches; correlation
/// rules run in a <see cref="SigmaCorrelator"/> session fed with those matches. Thread-safe for evaluation.
/// </summary>
public sealed class SigmaEngine
{
    private readonly CompiledRule[] _rules;
    private readonly IReadOnlyList<CompiledCorrelation> _correlations;
    private readonly LogSourceIndex _index;
    private readonly ConcurrentDictionary<string, long> _runtimeErrors = new(StringComparer.Ordinal);

    private SigmaEngine(CompiledRule[] rules, IReadOnlyList<CompiledCorrelation> correlations, SigmaLoadReport report)
    {
        _rules = rules;
        _correlations = correlations;
        _index = new LogSourceIndex(rules);
        Report = report;
    }

    public SigmaLoadReport Report { get; }

    /// <summary>The compiled detection rules.</summary>
    public IReadOnlyList<SigmaRule> Rules => _rules.Select(r => r.Rule).ToArray();

    /// <summary>The compiled correlation rules (including ones converted from obsolete aggregation conditions).</summary>
    public IReadOnlyList<SigmaRule> Correlations => _correlations.Select(c => c.Rule).ToArray();

    /// <summary>Rule evaluations that threw (e.g. a regex timeout), per rule id. The event simply did not match that rule.</summary>
    public IReadOnlyDictionary<string, long> RuntimeErrors => _runtimeErrors;

    public static SigmaEngineBuilder CreateBuilder() => new();

    /// <summary>Evaluates the rules whose log source fits <paramref name="source"/> (a rule's missing parts match anything).</summary>
    public IReadOnlyList<SigmaMatch> Evaluate(ISigmaEvent evt, SigmaLogSource source) => Run(evt, _index.RulesFor(source));

    /// <summary>Evaluates for an event that belongs to several log sources (e.g. registry_set and registry_event); each rule at most once.</summary>
    public IReadOnlyList<SigmaMatch> Evaluate(ISigmaEvent evt, IReadOnlyList<SigmaLogSource> sources)
    {
        if (sources.Count == 1) return Evaluate(evt, sources[0]);
        var rules = sources.SelectMany(_index.RulesFor).Distinct().ToArray();
        return Run(evt, rules);
    }

    /// <summary>Evaluates every rule, ignoring log sources (for ad-hoc hunts over one known source).</summary>
    public IReadOnlyList<SigmaMatch> EvaluateAll(ISigmaEvent evt) => Run(evt, _rules);

    /// <summary>Starts a correlation session (state lives in the session; the engine stays immutable).</summary>
    public SigmaCorrelator CreateCorrelator(SigmaCorrelatorOptions? options = null) => new(_correlations, options ?? new SigmaCorrelatorOptions());

    private IReadOnlyList<SigmaMatch> Run(ISigmaEvent evt, CompiledRule[] rules)
    {
        // Most events match nothing: a list is made for the first match only.
        List<SigmaMatch>? matches = null;
        foreach (var rule in rules)
        {
            bool hit;
            try
            {
                hit = rule.Matcher.IsMatch(evt);
            }
            catch (Exception)
            {
                // One broken rule or odd event must not take the run down: count it and go on.
                _runtimeErrors.AddOrUpdate(rule.Rule.Id, 1, (_, n) => n + 1);
                continue;
            }
            if (hit) (matches ??= []).Add(new SigmaMatch(rule.Rule, rule.Standalone));
        }
        return matches ?? (IReadOnlyList<SigmaMatch>)[];
    }

    internal static SigmaEngine Compile(SigmaLoadResult loaded, SigmaCompileOptions options)
    {
        var watch = Stopwatch.StartNew();
        var errors = new List<SigmaDiagnostic>(loaded.Errors);
        var warnings = new List<SigmaDiagnostic>(loaded.Warnings);
        var compiled = new List<CompiledRule>();
        var correlationRules = new List<SigmaRule>();
        var filters = new List<(SigmaRule Rule, EventMatcher Matcher)>();
        foreach (var rule in loaded.Rules)
        {
            try
            {
                switch (rule.Kind)
                {
                    case SigmaRuleKind.Detection:
                        var matcher = DetectionCompiler.Compile(rule, options, warnings, out var aggregation);
                        compiled.Add(new CompiledRule(rule, matcher));
                        if (aggregation is not null) correlationRules.Add(FromAggregation(rule, aggregation));
                        break;
                    case SigmaRuleKind.Filter:
                        filters.Add((rule, DetectionCompiler.Compile(rule, options, warnings, out _)));
                        break;
                    case SigmaRuleKind.Correlation:
                        correlationRules.Add(rule);
                        break;
                }
            }
            catch (SigmaRuleException ex)
            {
                errors.Add(new SigmaDiagnostic(SigmaRuleLoader.Loc(rule.Location.File, ex.Position), ex.Message, rule.Id));
            }
        }
        var byKey = new Dictionary<string, SigmaRule>(StringComparer.Ordinal);
        foreach (var rule in compiled.Select(c => c.Rule).Concat(correlationRules))
        {
            if (!byKey.TryAdd(rule.Id, rule))
                warnings.Add(new SigmaDiagnostic(rule.Location, $"duplicate rule id '{rule.Id}'; references by id go to {byKey[rule.Id].Location}", rule.Id));
            if (rule.Name is not null) byKey.TryAdd(rule.Name, rule);
        }
        ApplyFilters(compiled, filters, warnings);
        var correlations = CorrelationLinker.Link(correlationRules, byKey, errors, warnings);
        var referencedWithoutGenerate = new HashSet<string>(StringComparer.Ordinal);
        var generated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var correlation in correlations)
        {
            foreach (var id in correlation.RuleIds.OfType<string>())
            {
                (correlation.Definition.Generate ? generated : referencedWithoutGenerate).Add(id);
            }
        }
        foreach (var rule in compiled) rule.Standalone = !referencedWithoutGenerate.Contains(rule.Rule.Id) || generated.Contains(rule.Rule.Id);
        foreach (var correlation in correlations)
            correlation.Standalone = !referencedWithoutGenerate.Contains(correlation.Rule.Id) || generated.Contains(correlation.Rule.Id);
        watch.Stop();
        var loadedCount = compiled.Count + filters.Count + correlations.Count(c => !c.Rule.Id.EndsWith(AggregationSuffix, StringComparison.Ordinal));
        var report = new SigmaLoadReport
        {
            Files = loaded.Files,
            Documents = loaded.Documents,
            Loaded = loadedCount,
            Errors = errors,
            Warnings = warnings,
            CompileTime = watch.Elapsed,
        };
        return new SigmaEngine(compiled.ToArray(), correlations, report);
    }

    internal const string AggregationSuffix = "#aggregation";

    private static SigmaRule FromAggregation(SigmaRule rule, LegacyAggregation aggregation) => new()
    {
        Kind = SigmaRuleKind.Correlation,
        Id = rule.Id + AggregationSuffix,
        Title = rule.Title,
        Level = rule.Level,
        Status = rule.Status,
        Tags = rule.Tags,
        Techniques = rule.Techniques,
        LogSource = rule.LogSource,
        Location = rule.Location,
        Correlation = new SigmaCorrelation
        {
            Type = aggregation.CountField is null ? SigmaCorrelationType.EventCount : SigmaCorrelationType.ValueCount,
            Rules = [rule.Id],
            GroupBy = aggregation.GroupBy,
            Timespan = aggregation.Timeframe,
            Condition = new SigmaCorrelationCondition([(aggregation.Operator, aggregation.Threshold)],
                aggregation.CountField is null ? [] : [aggregation.CountField]),
        },
    };

    /// <summary>A global filter adds "and not filter" to each rule it names (by id or name).</summary>
    private static void ApplyFilters(List<CompiledRule> rules, List<(SigmaRule Rule, EventMatcher Matcher)> filters, List<SigmaDiagnostic> warnings)
    {
        foreach (var (filter, matcher) in filters)
        {
            foreach (var target in filter.FilterRules)
            {
                var hits = rules.Where(r => r.Rule.Id == target || r.Rule.Name == target).ToList();
                if (hits.Count == 0) warnings.Add(new SigmaDiagnostic(filter.Location, $"filter refers to unknown rule '{target}'", filter.Id));
                foreach (var rule in hits) rule.Matcher = new AllMatcher([rule.Matcher, new NotMatcher(matcher)]);
            }
        }
    }
}
