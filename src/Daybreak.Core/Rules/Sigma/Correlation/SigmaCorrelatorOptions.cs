namespace Daybreak.Rules.Sigma;

/// <summary>Options of a correlation session.</summary>
public sealed class SigmaCorrelatorOptions
{
    /// <summary>
    /// How far behind the newest event time an event may arrive and still be correlated in order. Matches are held
    /// back this long (in event time) before windows see them; later ones are counted in <see cref="SigmaCorrelator.LateMatches"/>.
    /// </summary>
    public TimeSpan AllowedLateness { get; init; } = TimeSpan.FromMinutes(5);

    internal void Validate()
    {
        if (AllowedLateness < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(AllowedLateness), "lateness cannot be negative");
    }
}
