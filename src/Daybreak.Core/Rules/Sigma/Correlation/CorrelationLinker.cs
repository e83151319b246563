namespace Daybreak.Rules.Sigma;

/// <summary>Resolves correlation references (id or name), rejects cycles, and orders chains so referenced correlations come first.</summary>
internal static class CorrelationLinker
{
    public static List<CompiledCorrelation> Link(List<SigmaRule> rules, Dictionary<string, SigmaRule> byKey,
        List<SigmaDiagnostic> errors, List<SigmaDiagnostic> warnings)
    {
        // Keyed by the rule object: two documents may share an id (then references go to the first, see byKey).
        var linked = new Dictionary<SigmaRule, CompiledCorrelation>(ReferenceEqualityComparer.Instance);
        foreach (var rule in rules)
        {
            var ids = new List<string?>();
            foreach (var reference in rule.Correlation!.Rules)
            {
                if (byKey.TryGetValue(reference, out var target))
                {
                    ids.Add(target.Id);
                }
                else
                {
                    ids.Add(null);
                    warnings.Add(new SigmaDiagnostic(rule.Location, $"correlation refers to unknown rule '{reference}'; that part never matches", rule.Id));
                }
            }
            linked.TryAdd(rule, new CompiledCorrelation { Rule = rule, Definition = rule.Correlation, RuleIds = ids });
        }
        // Depth-first ordering; a correlation that (indirectly) refers to itself is rejected.
        var order = 0;
        var byId = linked.Values.GroupBy(c => c.Rule.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var state = new Dictionary<CompiledCorrelation, int>(ReferenceEqualityComparer.Instance);
        var result = new List<CompiledCorrelation>();
        var rejected = new HashSet<CompiledCorrelation>(ReferenceEqualityComparer.Instance);
        bool Visit(CompiledCorrelation c)
        {
            if (state.TryGetValue(c, out var s)) return s == 2 && !rejected.Contains(c);
            state[c] = 1;
            foreach (var id in c.RuleIds.OfType<string>())
            {
                if (!byId.TryGetValue(id, out var child)) continue;
                if (!Visit(child))
                {
                    rejected.Add(c);
                    state[c] = 2;
                    errors.Add(new SigmaDiagnostic(c.Rule.Location, $"correlation chain through '{id}' is circular or broken", c.Rule.Id));
                    return false;
                }
            }
            state[c] = 2;
            c.Order = order++;
            result.Add(c);
            return true;
        }
        foreach (var c in linked.Values) Visit(c);
        return result;
    }
}
