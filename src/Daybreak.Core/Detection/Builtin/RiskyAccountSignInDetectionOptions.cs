namespace Daybreak.Detection.Builtin;

/// <summary>Tuning of <see cref="RiskyAccountSignInDetection"/>.</summary>
public sealed class RiskyAccountSignInDetectionOptions
{
    /// <summary>Words in the local part of a UPN that mark legacy, test or throw-away accounts (matched as substrings, case-insensitive).</summary>
    public IReadOnlyList<string> AccountNameHints { get; init; } = ["test", "legacy", "demo", "temp", "trial", "old", "svc-", "sandbox"];

    /// <summary>An account with no successful sign-in for this long is dormant (judged only on data seen: the data must span it).</summary>
    public TimeSpan DormantAfter { get; init; } = TimeSpan.FromDays(14);

    /// <summary>An account created (audit "Add user") within this time before its first sign-in is new.</summary>
    public TimeSpan NewAccountWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long the tenant's known IPs and the accounts' MFA history are kept.</summary>
    public TimeSpan HistoryRetention { get; init; } = TimeSpan.FromDays(60);

    /// <summary>Only interactive sign-ins (a person or a script typing a password) are judged; refresh tokens inherit their first factor.</summary>
    public bool InteractiveOnly { get; init; } = true;

    internal void Validate()
    {
        OptionChecks.Positive(DormantAfter, nameof(DormantAfter));
        OptionChecks.Positive(NewAccountWindow, nameof(NewAccountWindow));
        OptionChecks.Positive(HistoryRetention, nameof(HistoryRetention));
        if (HistoryRetention < DormantAfter) throw new ArgumentException("HistoryRetention must cover DormantAfter", nameof(HistoryRetention));
    }
}
