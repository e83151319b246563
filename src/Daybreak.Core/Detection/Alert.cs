using System.Security.Cryptography;
using System.Text;

namespace Daybreak.Detection;

/// <summary>One finding of one rule: the "alerts" entries of the hunt report.</summary>
public sealed class Alert
{
    /// <summary>Stable id: a hash of rule id and evidence, so the same finding has the same id in every run.</summary>
    public string Id => _id ??= ComputeId();

    private string? _id;

    /// <summary>Rule id: a Sigma rule's id, or a built-in detection's name (e.g. <c>builtin.password-spray</c>).</summary>
    public required string Rule { get; init; }

    public required string Title { get; init; }

    public Severity Severity { get; init; } = Severity.Medium;

    /// <summary>Event time of the record that raised the alert (never the wall clock).</summary>
    public required DateTime Time { get; init; }

    /// <summary>First event time among the evidence, for alerts over a window.</summary>
    public DateTime? FirstSeen { get; init; }

    /// <summary>MITRE ATT&amp;CK technique ids, e.g. T1110.003.</summary>
    public IReadOnlyList<string> Techniques { get; init; } = [];

    public AlertEntities Entities { get; init; } = new();

    /// <summary>Record ids of the events behind the alert, in event-time order.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    /// <summary>Why it fired, in one or two sentences a responder can act on.</summary>
    public string? Description { get; init; }

    /// <summary>"sigma" or "builtin".</summary>
    public string Engine { get; init; } = "builtin";

    private string ComputeId()
    {
        var text = Rule + "\n" + string.Join("\n", Evidence);
        return "alert-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
    }
}
