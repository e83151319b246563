using Daybreak.Rules.Sigma;
using YamlDotNet.RepresentationModel;

namespace Daybreak.Detection.Sigma;

/// <summary>The event field names a rule's detection reads: selection keys without modifiers, and <c>|fieldref</c> targets.</summary>
public static class RuleFields
{
    public static IReadOnlyList<string> Of(SigmaRule rule)
    {
        var fields = new List<string>();
        if (rule.Detection is { } detection)
        {
            foreach (var (key, value) in detection.Children)
            {
                if ((key as YamlScalarNode)?.Value is "condition" or "timeframe") continue;
                Collect(value, fields);
            }
        }
        if (rule.Correlation is { } correlation) fields.AddRange(correlation.GroupBy);
        return fields.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    private static void Collect(YamlNode node, List<string> into)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    var parts = ((key as YamlScalarNode)?.Value ?? string.Empty).Split('|');
                    if (parts[0].Length > 0) into.Add(parts[0]);
                    if (parts.Skip(1).Any(m => m.Equals("fieldref", StringComparison.OrdinalIgnoreCase)))
                    {
                        foreach (var target in Scalars(value)) into.Add(target);
                    }
                }
                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children.OfType<YamlMappingNode>()) Collect(item, into);
                break;
        }
    }

    private static IEnumerable<string> Scalars(YamlNode node) => node switch
    {
        YamlScalarNode s when s.Value is { Length: > 0 } v => [v],
        YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(s => s.Value).OfType<string>(),
        _ => [],
    };
}
