using YamlDotNet.RepresentationModel;

namespace Daybreak.Rules.Sigma;

/// <summary>One parsed Sigma document: a detection rule, a correlation rule or a global filter.</summary>
public sealed class SigmaRule
{
    public required SigmaRuleKind Kind { get; init; }

    /// <summary>The rule's <c>id</c>; when absent, its <c>name</c>, else file#document so every rule has a key.</summary>
    public required string Id { get; init; }

    public string? Name { get; init; }

    public required string Title { get; init; }

    public string? Status { get; init; }

    public string? Level { get; init; }

    public string? Description { get; init; }

    public string? Author { get; init; }

    public string? Date { get; init; }

    public string? Modified { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>ATT&amp;CK technique ids from the tags, e.g. attack.t1110.003 -> T1110.003.</summary>
    public IReadOnlyList<string> Techniques { get; init; } = [];

    public IReadOnlyList<string> References { get; init; } = [];

    public IReadOnlyList<string> FalsePositives { get; init; } = [];

    public IReadOnlyList<string> Fields { get; init; } = [];

    public SigmaLogSource LogSource { get; init; }

    public required SigmaLocation Location { get; init; }

    /// <summary>For correlation rules: the parsed correlation section.</summary>
    public SigmaCorrelation? Correlation { get; init; }

    /// <summary>For filters: the ids or names of the rules the filter applies to.</summary>
    public IReadOnlyList<string> FilterRules { get; init; } = [];

    /// <summary>The detection section (or the filter's selection and condition), kept as YAML for the compiler's positions.</summary>
    internal YamlMappingNode? Detection { get; init; }

    public override string ToString() => $"{Id} ({Title})";
}
