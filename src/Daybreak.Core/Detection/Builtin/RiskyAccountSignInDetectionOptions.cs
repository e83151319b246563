namespace Daybreak.Detection.Builtin;

/// <summary>Tuning of <see cref="RiskyAccountSignInDetection"/>.</summary>
public sealed class RiskyAccountSignInDetectionOptions
{
    /// <summary>Words in the local part of a UPN that mark legacy, test or throw-away accounts (matched as substrings, case-insensitive).</summary>
    public IReadOnlyList<string> AccountNameHints { get; init; } = ["test", "legacy", "demo", "temp", "trial", "sandbox"];

    /// <summary>An account with no successful sign-in for this long is dormant (judged only on data seen: the data must span it).</summary>
    public TimeSpan DormantAfter { get; init; } = TimeSpan.FromDays(14);

    /// <summary>An account created (audit "Add user") within this time before its first sign-in is new.</summary>
    public TimeSpan NewAccountWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long the tenant's known IPs and the accounts' MFA history are kept.</summary>
    public TimeSpan HistoryRetention { get; init; } = TimeSpan.FromDays(60);

    /// <summary>IPs are learned for this long from the start of the data before "an IP the tenant never saw" counts.</summary>
    public TimeSpan LearningPeriod { get; init; } = TimeSpan.FromDays(1);

    /// <summary>An account is raised at most once within this time.</summary>
    public TimeSpan RealertAfter { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Only interactive sign-ins (a person or a script typing a password) are judged; refresh tokens inherit their first factor.</summary>
    public bool InteractiveOnly { get; init; } = true;

    internal void Validate()
    {
        OptionChecks.Positive(DormantAfter, nameof(DormantAfter));
        OptionChecks.Positive(NewAccountWindow, nameof(NewAccountWindow));
        OptionChecks.Positive(HistoryRetention, nameof(HistoryRetention));
        OptionChecks.NotNegative(LearningPeriod, nameof(LearningPeriod));
        OptionChecks.NotNegative(RealertAfter, nameof(RealertAfter));
        if (HistoryRetention < DormantAfter) throw new ArgumentException("HistoryRetention must cover DormantAfter", nameof(HistoryRetention));
    }
}
