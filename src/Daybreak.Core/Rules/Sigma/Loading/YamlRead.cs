using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Daybreak.Rules.Sigma;

/// <summary>Small typed accessors over YamlDotNet's representation model that fail with a position.</summary>
internal static class YamlRead
{
    public static YamlNode? Get(YamlMappingNode map, string key)
    {
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode s && s.Value == key) return v;
        }
        return null;
    }

    public static string? String(YamlMappingNode map, string key)
    {
        var node = Get(map, key);
        return node switch
        {
            null => null,
            YamlScalarNode s when IsNull(s) => null,
            YamlScalarNode s => s.Value,
            _ => throw new SigmaRuleException(node.Start, $"'{key}' must be a string"),
        };
    }

    public static IReadOnlyList<string> StringList(YamlMappingNode map, string key)
    {
        var node = Get(map, key);
        return node is null ? [] : StringList(node, key);
    }

    public static IReadOnlyList<string> StringList(YamlNode node, string key) => node switch
    {
        YamlScalarNode s when IsNull(s) => [],
        YamlScalarNode s => [s.Value ?? string.Empty],
        YamlSequenceNode seq => seq.Children.Select(c => c is YamlScalarNode cs
            ? cs.Value ?? string.Empty
            : c is YamlMappingNode cm ? FlattenMap(cm) : throw new SigmaRuleException(c.Start, $"'{key}' items must be strings")).ToArray(),
        _ => throw new SigmaRuleException(node.Start, $"'{key}' must be a string or a list of strings"),
    };

    // Some rules write a falsepositive like "- Foo: bar" which YAML reads as a map; keep its text rather than reject the rule.
    private static string FlattenMap(YamlMappingNode map) =>
        string.Join(", ", map.Children.Select(kv => $"{(kv.Key as YamlScalarNode)?.Value}: {(kv.Value as YamlScalarNode)?.Value}"));

    public static bool IsNull(YamlScalarNode node) =>
        node.Style == ScalarStyle.Plain && (node.Value is null or "" or "~" or "null" or "Null" or "NULL");

    public static bool IsPlain(YamlScalarNode node) => node.Style == ScalarStyle.Plain;
}
