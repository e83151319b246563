using System.Collections.Concurrent;

namespace Daybreak.Rules.Sigma;

/// <summary>
/// Routes an event to the rules of its log source. A rule's missing product/service/category means "any", so an
/// event (p, s, c) is served by the up to eight rule keys built from each part or a wildcard; the union is cached per
/// event source, which keeps routing to one dictionary lookup on the hot path.
/// </summary>
internal sealed class LogSourceIndex
{
    private readonly Dictionary<(string, string, string), List<CompiledRule>> _byKey = new();
    private readonly ConcurrentDictionary<(string, string, string), CompiledRule[]> _cache = new();

    public LogSourceIndex(IEnumerable<CompiledRule> rules)
    {
        foreach (var rule in rules)
        {
            var key = Key(rule.Rule.LogSource);
            if (!_byKey.TryGetValue(key, out var list)) _byKey[key] = list = [];
            list.Add(rule);
        }
    }

    public CompiledRule[] RulesFor(SigmaLogSource source) => _cache.GetOrAdd(Key(source), Resolve);

    private CompiledRule[] Resolve((string P, string S, string C) key)
    {
        var result = new List<CompiledRule>();
        foreach (var p in Options(key.P))
        foreach (var s in Options(key.S))
        foreach (var c in Options(key.C))
        {
            if (_byKey.TryGetValue((p, s, c), out var rules)) result.AddRange(rules);
        }
        return result.ToArray();
    }

    private static string[] Options(string part) => part.Length == 0 ? [""] : [part, ""];

    private static (string, string, string) Key(SigmaLogSource source) =>
        (Norm(source.Product), Norm(source.Service), Norm(source.Category));

    private static string Norm(string? part) => part?.Trim().ToLowerInvariant() ?? string.Empty;
}
