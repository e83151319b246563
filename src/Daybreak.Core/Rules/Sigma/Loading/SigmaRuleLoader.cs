using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Daybreak.Rules.Sigma;

/// <summary>
/// Reads Sigma YAML into <see cref="SigmaRule"/>s. Every problem becomes a diagnostic with file, line, column and
/// reason; a bad document never stops the others (pySigma's collect_errors).
/// </summary>
public static partial class SigmaRuleLoader
{
    /// <summary>Loads every .yml/.yaml file under a folder, recursively, in a stable (ordinal path) order.</summary>
    public static SigmaLoadResult LoadDirectory(string directory)
    {
        var result = new SigmaLoadResult();
        var files = Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        foreach (var file in files) result.Merge(LoadFile(file));
        return result;
    }

    public static SigmaLoadResult LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var failed = new SigmaLoadResult { Files = 1, Documents = 1 };
            failed.Errors.Add(new SigmaDiagnostic(new SigmaLocation(path, 0, 0), "cannot read file: " + ex.Message));
            return failed;
        }
        return LoadText(text, path);
    }

    /// <summary>Loads YAML text (one or several documents separated by <c>---</c>); <paramref name="sourceName"/> names it in diagnostics.</summary>
    public static SigmaLoadResult LoadText(string yaml, string sourceName = "<text>")
    {
        var result = new SigmaLoadResult { Files = 1 };
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            result.Documents = 1;
            result.Errors.Add(new SigmaDiagnostic(Loc(sourceName, ex.Start), "invalid YAML: " + InnerMessage(ex)));
            return result;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // The YAML library's own state errors on some broken input (an event it does not expect, a scanner state):
            // still a file that is not valid YAML, reported as such, with no position to give.
            result.Documents = 1;
            result.Errors.Add(new SigmaDiagnostic(new SigmaLocation(sourceName, 0, 0), "invalid YAML: " + ex.Message));
            return result;
        }
        for (var i = 0; i < stream.Documents.Count; i++)
        {
            var root = stream.Documents[i].RootNode;
            // An empty document (e.g. a trailing ---) is not a rule.
            if (root is YamlScalarNode empty && YamlRead.IsNull(empty)) continue;
            result.Documents++;
            try
            {
                result.Rules.Add(ParseDocument(root, sourceName, i, stream.Documents.Count));
            }
            catch (SigmaRuleException ex)
            {
                result.Errors.Add(new SigmaDiagnostic(Loc(sourceName, ex.Position), ex.Message, TryId(root)));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A rule this reader did not foresee is that rule's error, never the end of the others' loading.
                result.Errors.Add(new SigmaDiagnostic(Loc(sourceName, root.Start), $"cannot read the rule: {ex.GetType().Name}: {ex.Message}", TryId(root)));
            }
        }
        return result;
    }

    private static SigmaRule ParseDocument(YamlNode root, string file, int index, int count)
    {
        if (root is not YamlMappingNode map) throw new SigmaRuleException(root.Start, "a Sigma document must be a map");
        var id = YamlRead.String(map, "id");
        var name = YamlRead.String(map, "name");
        var title = YamlRead.String(map, "title");
        var kind = YamlRead.Get(map, "correlation") is not null ? SigmaRuleKind.Correlation
            : YamlRead.Get(map, "filter") is not null ? SigmaRuleKind.Filter
            : SigmaRuleKind.Detection;
        if (string.IsNullOrWhiteSpace(title)) throw new SigmaRuleException(map.Start, "missing mandatory 'title'");
        var tags = YamlRead.StringList(map, "tags");
        YamlMappingNode? detection = null;
        SigmaCorrelation? correlation = null;
        IReadOnlyList<string> filterRules = [];
        switch (kind)
        {
            case SigmaRuleKind.Detection:
                detection = YamlRead.Get(map, "detection") as YamlMappingNode
                    ?? throw new SigmaRuleException(YamlRead.Get(map, "detection")?.Start ?? map.Start, "missing or non-map 'detection'");
                if (YamlRead.Get(map, "logsource") is null) throw new SigmaRuleException(map.Start, "missing mandatory 'logsource'");
                if (YamlRead.Get(detection, "condition") is null) throw new SigmaRuleException(detection.Start, "missing 'condition' in detection");
                break;
            case SigmaRuleKind.Filter:
                var filter = YamlRead.Get(map, "filter") as YamlMappingNode
                    ?? throw new SigmaRuleException(map.Start, "'filter' must be a map");
                filterRules = YamlRead.StringList(filter, "rules");
                if (filterRules.Count == 0) throw new SigmaRuleException(filter.Start, "a filter needs 'rules'");
                if (YamlRead.Get(filter, "condition") is null) throw new SigmaRuleException(filter.Start, "missing 'condition' in filter");
                detection = new YamlMappingNode(filter.Children.Where(kv => (kv.Key as YamlScalarNode)?.Value != "rules"));
                break;
            case SigmaRuleKind.Correlation:
                correlation = ParseCorrelation(YamlRead.Get(map, "correlation")!, YamlRead.Get(map, "generate"));
                break;
        }
        return new SigmaRule
        {
            Kind = kind,
            Id = id ?? name ?? (count > 1 ? $"{file}#{index}" : file),
            Name = name,
            Title = title,
            Status = YamlRead.String(map, "status"),
            Level = YamlRead.String(map, "level"),
            Description = YamlRead.String(map, "description"),
            Author = YamlRead.String(map, "author"),
            Date = YamlRead.String(map, "date"),
            Modified = YamlRead.String(map, "modified"),
            Tags = tags,
            Techniques = Techniques(tags),
            References = YamlRead.StringList(map, "references"),
            FalsePositives = YamlRead.StringList(map, "falsepositives"),
            Fields = YamlRead.StringList(map, "fields"),
            LogSource = ParseLogSource(YamlRead.Get(map, "logsource")),
            Location = Loc(file, map.Start),
            Correlation = correlation,
            FilterRules = filterRules,
            Detection = detection,
        };
    }

    private static SigmaLogSource ParseLogSource(YamlNode? node)
    {
        if (node is null) return default;
        if (node is not YamlMappingNode map) throw new SigmaRuleException(node.Start, "'logsource' must be a map");
        return new SigmaLogSource(
            YamlRead.String(map, "product")?.ToLowerInvariant(),
            YamlRead.String(map, "service")?.ToLowerInvariant(),
            YamlRead.String(map, "category")?.ToLowerInvariant());
    }

    private static SigmaCorrelation ParseCorrelation(YamlNode node, YamlNode? topLevelGenerate)
    {
        if (node is not YamlMappingNode map) throw new SigmaRuleException(node.Start, "'correlation' must be a map");
        var typeText = YamlRead.String(map, "type") ?? throw new SigmaRuleException(map.Start, "correlation needs a 'type'");
        var type = typeText switch
        {
            "event_count" => SigmaCorrelationType.EventCount,
            "value_count" => SigmaCorrelationType.ValueCount,
            "temporal" => SigmaCorrelationType.Temporal,
            "temporal_ordered" => SigmaCorrelationType.TemporalOrdered,
            "value_sum" => SigmaCorrelationType.ValueSum,
            "value_avg" => SigmaCorrelationType.ValueAvg,
            "value_percentile" => SigmaCorrelationType.ValuePercentile,
            _ => throw new SigmaRuleException(YamlRead.Get(map, "type")!.Start, $"unknown correlation type '{typeText}'"),
        };
        var rules = YamlRead.StringList(map, "rules");
        if (rules.Count == 0) throw new SigmaRuleException(map.Start, "correlation needs 'rules'");
        var timespanNode = YamlRead.Get(map, "timespan") ?? YamlRead.Get(map, "timeframe")
            ?? throw new SigmaRuleException(map.Start, "correlation needs a 'timespan'");
        var timespan = ParseTimespan(timespanNode);
        var condition = ParseCondition(YamlRead.Get(map, "condition"));
        var needsCondition = type is not (SigmaCorrelationType.Temporal or SigmaCorrelationType.TemporalOrdered);
        if (needsCondition && condition.Criteria.Count == 0)
            throw new SigmaRuleException(map.Start, $"a {typeText} correlation needs a 'condition'");
        var needsField = type is SigmaCorrelationType.ValueCount or SigmaCorrelationType.ValueSum
            or SigmaCorrelationType.ValueAvg or SigmaCorrelationType.ValuePercentile;
        if (needsField && condition.Fields.Count == 0)
            throw new SigmaRuleException(YamlRead.Get(map, "condition")!.Start, $"a {typeText} correlation needs 'field' in its condition");
        var generateNode = YamlRead.Get(map, "generate") ?? topLevelGenerate;
        return new SigmaCorrelation
        {
            Type = type,
            Rules = rules,
            GroupBy = YamlRead.StringList(map, "group-by"),
            Timespan = timespan,
            Condition = condition,
            Aliases = ParseAliases(YamlRead.Get(map, "aliases")),
            Generate = generateNode is YamlScalarNode g && string.Equals(g.Value, "true", StringComparison.OrdinalIgnoreCase),
        };
    }

    internal static TimeSpan ParseTimespan(YamlNode node)
    {
        var text = (node as YamlScalarNode)?.Value ?? string.Empty;
        var m = TimespanPattern().Match(text.Trim());
        if (!m.Success) throw new SigmaRuleException(node.Start, $"timespan '{text}' is not number + s/m/h/d/w");
        var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch
        {
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            "d" => TimeSpan.FromDays(n),
            "w" => TimeSpan.FromDays(7 * n),
            "M" => TimeSpan.FromDays(30 * n),
            _ => TimeSpan.FromDays(365 * n),
        };
    }

    private static SigmaCorrelationCondition ParseCondition(YamlNode? node)
    {
        if (node is null) return SigmaCorrelationCondition.None;
        if (node is not YamlMappingNode map) throw new SigmaRuleException(node.Start, "correlation 'condition' must be a map");
        var criteria = new List<(string, double)>();
        IReadOnlyList<string> fields = [];
        foreach (var (key, value) in map.Children)
        {
            var op = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (op == "field")
            {
                fields = YamlRead.StringList(value, "field");
                continue;
            }
            if (op is not ("gt" or "gte" or "lt" or "lte" or "eq" or "neq"))
                throw new SigmaRuleException(key.Start, $"unknown correlation condition operator '{op}'");
            if (value is not YamlScalarNode s || !double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold))
                throw new SigmaRuleException(value.Start, $"'{op}' needs a number");
            criteria.Add((op, threshold));
        }
        return new SigmaCorrelationCondition(criteria, fields);
    }

    private static Dictionary<string, IReadOnlyDictionary<string, string>> ParseAliases(YamlNode? node)
    {
        var aliases = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (node is null) return aliases;
        if (node is not YamlMappingNode map) throw new SigmaRuleException(node.Start, "'aliases' must be a map");
        foreach (var (alias, perRule) in map.Children)
        {
            if (perRule is not YamlMappingNode ruleMap)
                throw new SigmaRuleException(perRule.Start, "each alias must map rule names to field names");
            aliases[((YamlScalarNode)alias).Value ?? string.Empty] = ruleMap.Children.ToDictionary(
                kv => ((YamlScalarNode)kv.Key).Value ?? string.Empty,
                kv => (kv.Value as YamlScalarNode)?.Value ?? throw new SigmaRuleException(kv.Value.Start, "alias field must be a string"),
                StringComparer.Ordinal);
        }
        return aliases;
    }

    internal static IReadOnlyList<string> Techniques(IReadOnlyList<string> tags)
    {
        var result = new List<string>();
        foreach (var tag in tags)
        {
            var m = TechniquePattern().Match(tag);
            if (m.Success)
            {
                var technique = "T" + m.Groups[1].Value + (m.Groups[2].Success ? "." + m.Groups[2].Value : string.Empty);
                if (!result.Contains(technique)) result.Add(technique);
            }
        }
        return result;
    }

    private static string? TryId(YamlNode root) =>
        root is YamlMappingNode map && YamlRead.Get(map, "id") is YamlScalarNode s ? s.Value : null;

    private static string InnerMessage(Exception ex) => ex.InnerException is null ? ex.Message : ex.Message + " " + ex.InnerException.Message;

    internal static SigmaLocation Loc(string file, Mark mark) => new(file, (int)mark.Line, (int)mark.Column);

    [GeneratedRegex(@"^attack\.t(\d{4})(?:\.(\d{3}))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TechniquePattern();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*([smhdwMy])$", RegexOptions.CultureInvariant)]
    private static partial Regex TimespanPattern();
}
