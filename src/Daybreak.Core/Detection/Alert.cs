using System.Buffers;
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

    /// <summary>Raised by a community Sigma rule (loaded with <c>--sigma</c>), not by one of Daybreak's own rules. Such a
    /// rule that fires across the tenant joins no incident (<see cref="Correlation.TenantWideRules"/>).</summary>
    public bool Community { get; init; }

    /// <summary>"alert-" and the first 8 bytes of SHA-256 over the rule and the evidence ids, one per line, in UTF-8. The
    /// bytes are written into a buffer rather than made as a text and then an array (four objects per alert, at the end
    /// of a hunt that raised 173,000 of them).</summary>
    private string ComputeId()
    {
        // Indexed, not enumerated: through the interface an enumerator is an object.
        var evidence = Evidence;
        // The rule and a line break, then the ids with line breaks between them (a rule without evidence still ends in one).
        var length = Encoding.UTF8.GetByteCount(Rule) + 1 + Math.Max(0, evidence.Count - 1);
        for (var i = 0; i < evidence.Count; i++) length += Encoding.UTF8.GetByteCount(evidence[i]);
        var rented = length > 1024 ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> bytes = rented is null ? stackalloc byte[1024] : rented;
        var at = Encoding.UTF8.GetBytes(Rule, bytes);
        bytes[at++] = (byte)'\n';
        for (var i = 0; i < evidence.Count; i++)
        {
            if (i > 0) bytes[at++] = (byte)'\n';
            at += Encoding.UTF8.GetBytes(evidence[i], bytes[at..]);
        }
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes[..at], hash);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        Span<char> id = stackalloc char[6 + 16];
        "alert-".CopyTo(id);
        Convert.TryToHexStringLower(hash[..8], id[6..], out _);
        return new string(id);
    }
}
