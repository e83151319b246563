namespace Daybreak.Rules.Sigma;

/// <summary>A correlation rule with its references resolved to rule ids and its group-by fields resolved per source rule.</summary>
internal sealed class CompiledCorrelation
{
    public required SigmaRule Rule { get; init; }

    public required SigmaCorrelation Definition { get; init; }

    /// <summary>Resolved rule id per position of <see cref="SigmaCorrelation.Rules"/> (null when it names no loaded rule).</summary>
    public required IReadOnlyList<string?> RuleIds { get; init; }

    public bool Standalone { get; set; } = true;

    /// <summary>Position in dependency order: referenced correlations come first.</summary>
    public int Order { get; set; }

    public int[] PositionsOf(string ruleId)
    {
        var positions = new List<int>();
        for (var i = 0; i < RuleIds.Count; i++)
        {
            if (RuleIds[i] == ruleId) positions.Add(i);
        }
        return positions.ToArray();
    }

    /// <summary>The event field that carries group-by item <paramref name="groupField"/> for events of <paramref name="source"/>.</summary>
    public string FieldFor(string groupField, SigmaRule source)
    {
        if (Definition.Aliases.TryGetValue(groupField, out var perRule))
        {
            if (source.Name is { } name && perRule.TryGetValue(name, out var byName)) return byName;
            if (perRule.TryGetValue(source.Id, out var byId)) return byId;
        }
        return groupField;
    }
}
