namespace Daybreak.Rules.Sigma;

/// <summary>The modifiers of one detection item, parsed from <c>field|mod1|mod2</c>, in their given order.</summary>
internal sealed class SigmaModifiers
{
    /// <summary>Every modifier of the appendix v2.1 (plus the <c>re</c> flags i, m, s).</summary>
    public static readonly HashSet<string> Known =
    [
        "contains", "startswith", "endswith", "all", "base64", "base64offset", "utf16le", "utf16be", "utf16", "wide",
        "windash", "re", "i", "m", "s", "cidr", "exists", "fieldref", "gt", "gte", "lt", "lte", "neq", "expand", "cased",
        "minute", "hour", "day", "week", "month", "year",
    ];

    public static readonly string[] TimeParts = ["minute", "hour", "day", "week", "month", "year"];

    public SigmaModifiers(IReadOnlyList<string> ordered) => Ordered = ordered;

    public IReadOnlyList<string> Ordered { get; }

    public bool Has(string modifier) => Ordered.Contains(modifier);

    public string? Comparison => Ordered.FirstOrDefault(m => m is "gt" or "gte" or "lt" or "lte");

    public string? TimePart => Ordered.FirstOrDefault(m => TimeParts.Contains(m));

    /// <summary>contains/startswith/endswith, whichever is given.</summary>
    public string? Position => Ordered.FirstOrDefault(m => m is "contains" or "startswith" or "endswith");
}
