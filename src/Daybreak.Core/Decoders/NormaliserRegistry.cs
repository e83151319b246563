namespace Daybreak.Decoders;

/// <summary>The normalisers in the order they are tried on each record.</summary>
public sealed class NormaliserRegistry(IReadOnlyList<IRecordNormaliser> normalisers)
{
    public IReadOnlyList<IRecordNormaliser> Normalisers { get; } = normalisers;

    /// <summary>True for <see cref="CreateDefault"/>: the fast readers know how its normalisers classify a record.</summary>
    internal bool IsDefault { get; private init; }

    /// <summary>Every built-in normaliser. Order matters only where shapes overlap: the more specific first.</summary>
    public static NormaliserRegistry CreateDefault() => new(
    [
        new Ual.UalNormaliser(),
        new SignIns.SignInNormaliser(),
        new Audits.AuditNormaliser(),
        new GraphActivity.GraphActivityNormaliser(),
        new Risk.RiskNormaliser(),
    ]) { IsDefault = true };

    /// <summary>Finds a normaliser by family name or by the name of one of its formats.</summary>
    public IRecordNormaliser? Find(string name) =>
        Normalisers.FirstOrDefault(n => string.Equals(n.Family, name, StringComparison.OrdinalIgnoreCase)
            || n.Formats.Any(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The first normaliser that recognises the record, or null.</summary>
    public IRecordNormaliser? Classify(in RawRecord record)
    {
        foreach (var normaliser in Normalisers)
        {
            if (normaliser.Accepts(record)) return normaliser;
        }
        return null;
    }
}
