using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Daybreak.Rules.Sigma;

/// <summary>
/// Turns a rule's detection section into a matcher tree. All YAML, modifier and regex work happens here, once;
/// problems throw <see cref="SigmaRuleException"/> with the position of the offending node.
/// </summary>
internal sealed partial class DetectionCompiler
{
    private readonly SigmaRule _rule;
    private readonly SigmaCompileOptions _options;
    private readonly List<SigmaDiagnostic> _warnings;

    private DetectionCompiler(SigmaRule rule, SigmaCompileOptions options, List<SigmaDiagnostic> warnings)
    {
        _rule = rule;
        _options = options;
        _warnings = warnings;
    }

    public static EventMatcher Compile(SigmaRule rule, SigmaCompileOptions options, List<SigmaDiagnostic> warnings, out LegacyAggregation? aggregation)
    {
        var detection = rule.Detection ?? throw new SigmaRuleException(default, "rule has no detection");
        var compiler = new DetectionCompiler(rule, options, warnings);
        var matcher = compiler.CompileDetection(detection, out aggregation);
        // A value that can never match is harmless under "and" but turns "not filter" into "always": a rule
        // with an unresolved placeholder is therefore disabled whole until the placeholder has a value.
        return compiler._unresolvedPlaceholder ? ConstantMatcher.Never : matcher;
    }

    private bool _unresolvedPlaceholder;

    private EventMatcher CompileDetection(YamlMappingNode detection, out LegacyAggregation? aggregation)
    {
        aggregation = null;
        var identifiers = new Dictionary<string, EventMatcher>(StringComparer.Ordinal);
        YamlNode? conditionNode = null;
        YamlNode? timeframeNode = null;
        foreach (var (keyNode, valueNode) in detection.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? throw new SigmaRuleException(keyNode.Start, "search identifiers must be strings");
            switch (key)
            {
                case "condition":
                    conditionNode = valueNode;
                    break;
                case "timeframe":
                    timeframeNode = valueNode;
                    break;
                default:
                    identifiers[key] = CompileSearch(valueNode);
                    break;
            }
        }
        if (conditionNode is null) throw new SigmaRuleException(detection.Start, "missing 'condition'");
        var conditions = conditionNode switch
        {
            YamlScalarNode s => [s],
            YamlSequenceNode seq => seq.Children.Select(c => c as YamlScalarNode ?? throw new SigmaRuleException(c.Start, "conditions must be strings")).ToList(),
            _ => throw new SigmaRuleException(conditionNode.Start, "'condition' must be a string or a list of strings"),
        };
        var compiled = new List<EventMatcher>();
        foreach (var condition in conditions)
        {
            var text = condition.Value ?? string.Empty;
            try
            {
                compiled.Add(ConditionParser.Parse(text, identifiers, out var aggregationText));
                if (aggregationText is not null) aggregation = ParseAggregation(aggregationText, timeframeNode, condition);
            }
            catch (ConditionException ex)
            {
                var at = condition.Start;
                // Plain single-line conditions map the offset straight onto the column; block scalars keep the start.
                var column = condition.Style == YamlDotNet.Core.ScalarStyle.Plain && !text.Contains('\n') ? at.Column + ex.Offset : at.Column;
                throw new SigmaRuleException(new YamlDotNet.Core.Mark(at.Index, at.Line, column), $"condition '{text.Trim()}': {ex.Message}");
            }
        }
        return compiled.Count == 1 ? compiled[0] : new AnyMatcher(compiled.ToArray());
    }

    private LegacyAggregation ParseAggregation(string text, YamlNode? timeframeNode, YamlScalarNode condition)
    {
        var m = AggregationPattern().Match(text);
        if (!m.Success) throw new SigmaRuleException(condition.Start, $"unsupported legacy aggregation '{text}'");
        if (timeframeNode is null) throw new SigmaRuleException(condition.Start, "a legacy aggregation needs 'timeframe'");
        var op = m.Groups[3].Value switch { ">" => "gt", ">=" => "gte", "<" => "lt", "<=" => "lte", "!=" => "neq", _ => "eq" };
        var groupBy = m.Groups[2].Success
            ? m.Groups[2].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
        _warnings.Add(new SigmaDiagnostic(SigmaRuleLoader.Loc(_rule.Location.File, condition.Start),
            "obsolete aggregation condition converted to a correlation", _rule.Id));
        return new LegacyAggregation(m.Groups[1].Value.Length == 0 ? null : m.Groups[1].Value, groupBy, op,
            double.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture), SigmaRuleLoader.ParseTimespan(timeframeNode));
    }

    private EventMatcher CompileSearch(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                return CompileMap(map);
            case YamlSequenceNode seq:
                if (seq.Children.Count == 0) return ConstantMatcher.Never;
                if (seq.Children.All(c => c is YamlScalarNode))
                    return new KeywordMatcher(seq.Children.Select(c => CompileValue((YamlScalarNode)c, Keyword, string.Empty)).ToArray(), all: false);
                return new AnyMatcher(seq.Children.Select(CompileSearch).ToArray());
            case YamlScalarNode scalar when YamlRead.IsNull(scalar):
                throw new SigmaRuleException(node.Start, "a search identifier cannot be empty");
            case YamlScalarNode scalar:
                return new KeywordMatcher([CompileValue(scalar, Keyword, string.Empty)], all: false);
            default:
                throw new SigmaRuleException(node.Start, "unsupported search identifier content");
        }
    }

    private static readonly SigmaModifiers Keyword = new(["contains"]);

    private AllMatcher CompileMap(YamlMappingNode map)
    {
        var items = new List<EventMatcher>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? throw new SigmaRuleException(keyNode.Start, "field names must be strings");
            items.Add(CompileItem(key, keyNode, valueNode));
        }
        return new AllMatcher(items.ToArray());
    }

    private EventMatcher CompileItem(string key, YamlNode keyNode, YamlNode valueNode)
    {
        var parts = key.Split('|');
        var field = parts[0];
        var modifierNames = parts.Skip(1).Select(p => p.Trim().ToLowerInvariant()).ToArray();
        foreach (var name in modifierNames)
        {
            if (!SigmaModifiers.Known.Contains(name)) throw new SigmaRuleException(keyNode.Start, $"unknown modifier '{name}' in '{key}'");
            if (name is "i" or "m" or "s" && !modifierNames.Contains("re"))
                throw new SigmaRuleException(keyNode.Start, $"modifier '{name}' only applies after 're'");
        }
        var modifiers = new SigmaModifiers(modifierNames);
        var values = valueNode switch
        {
            YamlScalarNode s => [s],
            YamlSequenceNode seq => seq.Children.Select(c => c as YamlScalarNode
                ?? throw new SigmaRuleException(c.Start, $"values of '{key}' must be scalars")).ToList(),
            _ => throw new SigmaRuleException(valueNode.Start, $"value of '{key}' must be a scalar or a list"),
        };
        var all = modifiers.Has("all");
        if (field.Length == 0)
        {
            var keywordModifiers = modifiers.Position is null && !modifiers.Has("re") ? new SigmaModifiers([.. modifierNames, "contains"]) : modifiers;
            return new KeywordMatcher(values.Select(v => CompileValue(v, keywordModifiers, field)).ToArray(), all);
        }
        if (modifiers.Has("exists"))
        {
            if (values.Count != 1 || values[0].Value?.ToLowerInvariant() is not ("true" or "false"))
                throw new SigmaRuleException(valueNode.Start, "'exists' needs true or false");
            return new ExistsMatcher(field, values[0].Value!.Equals("true", StringComparison.OrdinalIgnoreCase));
        }
        if (values.Count == 0) return ConstantMatcher.Never;
        var nulls = values.Where(YamlRead.IsNull).ToList();
        var nonNull = values.Where(v => !YamlRead.IsNull(v)).ToList();
        EventMatcher? valueMatcher = nonNull.Count == 0
            ? null
            : new FieldMatcher(field, nonNull.Select(v => CompileValue(v, modifiers, field)).ToArray(), all);
        EventMatcher result = (nulls.Count, valueMatcher) switch
        {
            (0, { } m) => m,
            (_, null) => new NullFieldMatcher(field),
            (_, { } m) => new AnyMatcher([new NullFieldMatcher(field), m]),
        };
        return modifiers.Has("neq") ? new NotMatcher(result) : result;
    }

    private IValueMatcher CompileValue(YamlScalarNode node, SigmaModifiers modifiers, string field)
    {
        var raw = node.Value ?? string.Empty;
        var comparison = modifiers.Has("cased") ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        if (modifiers.Has("re")) return RegexMatcherBuilder.Build(node, raw, modifiers, _options.RegexTimeout);
        if (modifiers.Has("cidr"))
        {
            return CidrValueMatcher.TryCreate(raw, out var cidr) ? cidr!
                : throw new SigmaRuleException(node.Start, $"'{raw}' is not a CIDR network");
        }
        if (modifiers.Has("fieldref")) return new FieldRefValueMatcher(raw, modifiers.Position ?? "equals", comparison);
        if (modifiers.TimePart is { } part)
            return new TimePartValueMatcher(part, new NumericValueMatcher(modifiers.Comparison ?? "eq", Number(node, raw, part)));
        if (modifiers.Comparison is { } op) return new NumericValueMatcher(op, Number(node, raw, op));

        IReadOnlyList<string> raws = [raw];
        if (modifiers.Has("expand"))
        {
            var expanded = Placeholders.Expand(raw, _options.Placeholders, out var missing);
            if (expanded is null)
            {
                _warnings.Add(new SigmaDiagnostic(SigmaRuleLoader.Loc(_rule.Location.File, node.Start),
                    $"placeholder {string.Join(", ", missing.Select(m => "%" + m + "%"))} in '{field}' has no value; the rule is disabled until it has one", _rule.Id));
                _unresolvedPlaceholder = true;
                return NeverValueMatcher.Instance;
            }
            raws = expanded;
        }
        var variants = new List<IValueMatcher>();
        foreach (var value in raws)
        {
            foreach (var pattern in ValueEncodings.Apply(node, SigmaPattern.Parse(value), modifiers))
            {
                variants.Add(StringMatcherBuilder.Build(pattern, modifiers, comparison));
            }
        }
        return variants.Count == 1 ? variants[0] : new AnyValueMatcher(variants.ToArray());
    }

    private static double Number(YamlScalarNode node, string raw, string modifier) =>
        FieldValue.TryParseNumber(raw, out var number) ? number
            : throw new SigmaRuleException(node.Start, $"'{modifier}' needs a number, not '{raw}'");

    [GeneratedRegex(@"^count\(\s*([\w.]*)\s*\)\s*(?:by\s+([\w.,\s]+?))?\s*(<=|>=|<|>|==|=|!=)\s*(\d+)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AggregationPattern();
}
