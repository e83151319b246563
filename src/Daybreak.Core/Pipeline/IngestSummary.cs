using Daybreak.Decoders;

namespace Daybreak.Pipeline;

/// <summary>The "input" part of the hunt report: what was read, what was accepted, what was rejected and why.</summary>
public sealed class IngestSummary
{
    public int Files { get; set; }

    public long Records { get; set; }

    public long Accepted { get; set; }

    public long Rejected { get; set; }

    public List<Rejection> Errors { get; } = [];

    /// <summary>Errors beyond this many are counted but not listed, so a file of garbage cannot flood the report.</summary>
    public int MaxListedErrors { get; set; } = 1000;

    public int UnlistedErrors { get; set; }

    public void Add(Rejection rejection)
    {
        Rejected++;
        if (Errors.Count < MaxListedErrors) Errors.Add(rejection);
        else UnlistedErrors++;
    }
}
