namespace Daybreak.Detection.Builtin;

/// <summary>Tuning of <see cref="VipMailboxAccessDetection"/>.</summary>
public sealed class VipMailboxAccessDetectionOptions
{
    /// <summary>UPNs of VIP mailboxes (leaders, legal, security). Empty by default: the tenant knows its VIPs.</summary>
    public IReadOnlyList<string> VipMailboxes { get; init; } = [];

    /// <summary>A file of VIP UPNs, one a line; blank lines and lines starting with # are ignored.</summary>
    public string? VipFile { get; init; }

    /// <summary>Words that mark a VIP mailbox when they appear as a whole word (split on . _ -) of the UPN's local part: ceo@, cfo.office@, legal-team@.</summary>
    public IReadOnlyList<string> VipNameHints { get; init; } = ["ceo", "cfo", "cto", "ciso", "coo", "president", "chairman", "board", "legal", "security", "exec", "executive"];

    /// <summary>Readers of a mailbox seen during this first stretch of the data are its established readers (assistants, backup).</summary>
    public TimeSpan LearningPeriod { get; init; } = TimeSpan.FromDays(2);

    /// <summary>A reader and mailbox pair is raised once within this time.</summary>
    public TimeSpan RememberPairFor { get; init; } = TimeSpan.FromDays(30);

    public IReadOnlyList<string> ExcludedApps { get; init; } = MicrosoftClients.MailClients;

    internal void Validate()
    {
        OptionChecks.NotNegative(LearningPeriod, nameof(LearningPeriod));
        OptionChecks.Positive(RememberPairFor, nameof(RememberPairFor));
        if (VipFile is not null && !File.Exists(VipFile)) throw new FileNotFoundException("VIP file not found", VipFile);
    }
}
