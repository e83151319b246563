namespace Daybreak.Rules.Sigma;

/// <summary>Resolves correlation references (id or name), rejects cycles, and orders chains so referenced correlations come first.</summary>
internal static class CorrelationLinker
{
    public static List<CompiledCorrelation> Link(List<SigmaRule> rules, Dictionary<string, SigmaRule> byKey,
        List<SigmaDiagnostic> errors, List<SigmaDiagnostic> warnings)
    {
        var linked = new Dictionary<string, CompiledCorrelation>(StringComparer.Ordinal);
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
            linked.TryAdd(rule.Id, new CompiledCorrelation { Rule = rule, Definition = rule.Correlation, RuleIds = ids });
        }
        // Depth-first ordering; a correlation that (indirectly) refers to itself is rejected.
        var order = 0;
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<CompiledCorrelation>();
        var rejected = new HashSet<string>(StringComparer.Ordinal);
        bool Visit(CompiledCorrelation c)
        {
            if (state.TryGetValue(c.Rule.Id, out var s)) return s == 2 && !rejected.Contains(c.Rule.Id);
            state[c.Rule.Id] = 1;
            foreach (var id in c.RuleIds.OfType<string>())
            {
                if (!linked.TryGetValue(id, out var child)) continue;
                if (!Visit(child))
                {
                    rejected.Add(c.Rule.Id);
                    state[c.Rule.Id] = 2;
                    errors.Add(new SigmaDiagnostic(c.Rule.Location, $"correlation chain through '{id}' is circular or broken", c.Rule.Id));
                    return false;
                }
            }
            state[c.Rule.Id] = 2;
            c.Order = order++;
            result.Add(c);
            return true;
        }
        foreach (var c in linked.Values) Visit(c);
        return result;
    }
}
