namespace Daybreak.Response.Notices;

/// <summary>What one send run did.</summary>
public sealed class SendReport
{
    public List<string> Sent { get; } = [];

    public List<string> Failed { get; } = [];

    /// <summary>Handed over on this run without an answer: they may have been delivered.</summary>
    public List<string> Unconfirmed { get; } = [];

    /// <summary>Found in <c>sending</c>, left by an earlier run that stopped mid-send; now unconfirmed.</summary>
    public List<string> Interrupted { get; } = [];

    /// <summary>Unconfirmed notices marked sent on the responder's word.</summary>
    public int Confirmed { get; set; }

    /// <summary>Why the run stopped early, when it did.</summary>
    public string? Aborted { get; set; }
}
