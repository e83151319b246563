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

    public static IEventMatcher Compile(SigmaRule rule, SigmaCompileOptions options, List<SigmaDiagnostic> warnings, out LegacyAggregation? aggregation)
    {
        var detection = rule.Detection ?? throw new SigmaRuleException(default, "rule has no detection");
        var compiler = new DetectionCompiler(rule, options, warnings);
        var matcher = compiler.CompileDetection(detection, out aggregation);
        // A value that can never match is harmless under "and" but turns "not filter" into "always": a rule
        // with an unresolved placeholder is therefore disabled whole until the placeholder has a value.
        return compiler._unresolvedPlaceholder ? ConstantMatcher.Never : matcher;
    }

    private bool _unresolvedPlaceholder;

    private IEventMatcher CompileDetection(YamlMappingNode detection, out LegacyAggregation? aggregation)
    {
        aggregation = null;
        var identifiers = new Dictionary<string, IEventMatcher>(StringComparer.Ordinal);
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
        var compiled = new List<IEventMatcher>();
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

    private IEventMatcher CompileSearch(YamlNode node)
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
        var items = new List<IEventMatcher>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? throw new SigmaRuleException(keyNode.Start, "field names must be strings");
            items.Add(CompileItem(key, keyNode, valueNode));
        }
        return new AllMatcher(items.ToArray());
    }

    private IEventMatcher CompileItem(string key, YamlNode keyNode, YamlNode valueNode)
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
        IEventMatcher? valueMatcher = nonNull.Count == 0
            ? null
            : new FieldMatcher(field, nonNull.Select(v => CompileValue(v, modifiers, field)).ToArray(), all);
        IEventMatcher result = (nulls.Count, valueMatcher) switch
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
        if (modifiers.Has("re")) return CompileRegex(node, raw, modifiers);
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
            var expanded = Expand(raw, out var missing);
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
            foreach (var pattern in Transform(node, SigmaPattern.Parse(value), modifiers))
            {
                variants.Add(BuildStringMatcher(pattern, modifiers, comparison));
            }
        }
        return variants.Count == 1 ? variants[0] : new AnyValueMatcher(variants.ToArray());
    }

    private static double Number(YamlScalarNode node, string raw, string modifier) =>
        FieldValue.TryParseNumber(raw, out var number) ? number
            : throw new SigmaRuleException(node.Start, $"'{modifier}' needs a number, not '{raw}'");

    /// <summary>Applies the value-transforming modifiers in the order the rule gives them.</summary>
    private static List<SigmaPattern> Transform(YamlScalarNode node, SigmaPattern pattern, SigmaModifiers modifiers)
    {
        var states = new List<(SigmaPattern Pattern, byte[]? Bytes)> { (pattern, null) };
        foreach (var modifier in modifiers.Ordered)
        {
            switch (modifier)
            {
                case "windash":
                    states = states.Select(s => (s.Pattern.WithWindash(), s.Bytes)).ToList();
                    break;
                case "utf16le" or "wide":
                    states = states.Select(s => (s.Pattern, (byte[]?)System.Text.Encoding.Unicode.GetBytes(Plain(node, s.Pattern, modifier)))).ToList();
                    break;
                case "utf16be":
                    states = states.Select(s => (s.Pattern, (byte[]?)System.Text.Encoding.BigEndianUnicode.GetBytes(Plain(node, s.Pattern, modifier)))).ToList();
                    break;
                case "utf16":
                    states = states.Select(s => (s.Pattern, (byte[]?)[0xFF, 0xFE, .. System.Text.Encoding.Unicode.GetBytes(Plain(node, s.Pattern, modifier))])).ToList();
                    break;
                case "base64":
                    states = states.Select(s => (SigmaPattern.Literal(Convert.ToBase64String(s.Bytes ?? System.Text.Encoding.UTF8.GetBytes(Plain(node, s.Pattern, modifier)))), (byte[]?)null)).ToList();
                    break;
                case "base64offset":
                    states = states.SelectMany(s => Base64Offsets(s.Bytes ?? System.Text.Encoding.UTF8.GetBytes(Plain(node, s.Pattern, modifier)))
                        .Select(v => (SigmaPattern.Literal(v), (byte[]?)null))).ToList();
                    break;
            }
        }
        // An encoding without base64 afterwards leaves raw bytes: match them as the characters they would read as.
        return states.Select(s => s.Bytes is null ? s.Pattern : SigmaPattern.Literal(System.Text.Encoding.Latin1.GetString(s.Bytes))).ToList();
    }

    private static string Plain(YamlScalarNode node, SigmaPattern pattern, string modifier) => pattern.HasWildcards
        ? throw new SigmaRuleException(node.Start, $"'{modifier}' cannot encode a value with wildcards")
        : pattern.LiteralText;

    /// <summary>The three shifted encodings with their unstable first and last characters cut off (pySigma's algorithm).</summary>
    internal static IEnumerable<string> Base64Offsets(byte[] value)
    {
        int[] startOffsets = [0, 2, 3];
        int?[] endOffsets = [null, -3, -2];
        for (var i = 0; i < 3; i++)
        {
            var shifted = new byte[i + value.Length];
            for (var j = 0; j < i; j++) shifted[j] = (byte)' ';
            value.CopyTo(shifted, i);
            var encoded = Convert.ToBase64String(shifted);
            var end = endOffsets[(value.Length + i) % 3] is { } e ? encoded.Length + e : encoded.Length;
            var start = startOffsets[i];
            yield return end > start ? encoded[start..end] : string.Empty;
        }
    }

    private static IValueMatcher BuildStringMatcher(SigmaPattern pattern, SigmaModifiers modifiers, StringComparison comparison)
    {
        pattern = modifiers.Position switch
        {
            "contains" => pattern.Wrap(true, true),
            "startswith" => pattern.Wrap(false, true),
            "endswith" => pattern.Wrap(true, false),
            _ => pattern,
        };
        var tokens = pattern.Tokens;
        bool IsLit(int i) => tokens[i].Kind == PatternTokenKind.Literal;
        bool IsStar(int i) => tokens[i].Kind == PatternTokenKind.AnyChars;
        switch (tokens.Count)
        {
            case 0:
                return new EqualsValueMatcher(string.Empty, comparison);
            case 1 when IsLit(0):
                return new EqualsValueMatcher(tokens[0].Text, comparison);
            case 1 when IsStar(0):
                return AnyTextValueMatcher.Instance;
            case 2 when IsStar(0) && IsLit(1):
                return new EndsWithValueMatcher(tokens[1].Text, comparison);
            case 2 when IsLit(0) && IsStar(1):
                return new StartsWithValueMatcher(tokens[0].Text, comparison);
            case 3 when IsStar(0) && IsLit(1) && IsStar(2):
                return new ContainsValueMatcher(tokens[1].Text, comparison);
            default:
                return new GlobValueMatcher(pattern, comparison == StringComparison.Ordinal);
        }
    }

    private IValueMatcher CompileRegex(YamlScalarNode node, string pattern, SigmaModifiers modifiers)
    {
        var options = RegexOptions.CultureInvariant;
        if (modifiers.Has("i")) options |= RegexOptions.IgnoreCase;
        if (modifiers.Has("m")) options |= RegexOptions.Multiline;
        if (modifiers.Has("s")) options |= RegexOptions.Singleline;
        try
        {
            // Parsing with the interpreter is cheap and rejects bad syntax now, with the rule's position.
            _ = new Regex(pattern, options, _options.RegexTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new SigmaRuleException(node.Start, $"invalid regular expression '{pattern}': {ex.Message}");
        }
        var timeout = _options.RegexTimeout;
        return new RegexValueMatcher(() =>
        {
            try
            {
                // The non-backtracking engine cannot blow up; it lacks lookarounds and backreferences, so those fall
                // back to the backtracking engine under a timeout.
                return new Regex(pattern, options | RegexOptions.NonBacktracking);
            }
            catch (NotSupportedException)
            {
                return new Regex(pattern, options | RegexOptions.Compiled, timeout);
            }
        });
    }

    /// <summary>Expands <c>%name%</c> placeholders (a <c>\%</c> is a plain percent); null when one has no value.</summary>
    private List<string>? Expand(string raw, out List<string> missing)
    {
        missing = [];
        var results = new List<string> { string.Empty };
        var i = 0;
        while (i < raw.Length)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length && raw[i + 1] == '%')
            {
                results = results.Select(r => r + "%").ToList();
                i += 2;
                continue;
            }
            if (raw[i] == '%')
            {
                var end = raw.IndexOf('%', i + 1);
                if (end > i + 1)
                {
                    var name = raw[(i + 1)..end];
                    if (_options.Placeholders.TryGetValue(name, out var values) && values.Count > 0)
                        results = results.SelectMany(r => values.Select(v => r + v)).ToList();
                    else
                        missing.Add(name);
                    i = end + 1;
                    continue;
                }
            }
            var c = raw[i++];
            results = results.Select(r => r + c).ToList();
        }
        return missing.Count > 0 ? null : results;
    }

    [GeneratedRegex(@"^count\(\s*([\w.]*)\s*\)\s*(?:by\s+([\w.,\s]+?))?\s*(<=|>=|<|>|==|=|!=)\s*(\d+)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AggregationPattern();
}
