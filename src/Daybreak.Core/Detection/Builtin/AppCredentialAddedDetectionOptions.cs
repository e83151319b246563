namespace Daybreak.Detection.Builtin;

/// <summary>Tuning of <see cref="AppCredentialAddedDetection"/>.</summary>
public sealed class AppCredentialAddedDetectionOptions
{
    /// <summary>A credential added within this time after an admin consent to the same app is raised.</summary>
    public TimeSpan AfterConsentWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>A user with no sign-in for this long before the one preceding the change has "just come back".</summary>
    public TimeSpan DormantAfter { get; init; } = TimeSpan.FromDays(21);

    /// <summary>A user whose first sign-in in the data is this recent, after this much data without them, counts as just come back too.</summary>
    public TimeSpan FirstSeenRecently { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Raise when the credential is added by an application rather than a person.</summary>
    public bool AlertOnAppInitiator { get; init; } = true;

    /// <summary>How long sign-in history, consents and app identities are kept.</summary>
    public TimeSpan HistoryRetention { get; init; } = TimeSpan.FromDays(60);

    internal void Validate()
    {
        OptionChecks.Positive(AfterConsentWindow, nameof(AfterConsentWindow));
        OptionChecks.Positive(DormantAfter, nameof(DormantAfter));
        OptionChecks.Positive(FirstSeenRecently, nameof(FirstSeenRecently));
        OptionChecks.Positive(HistoryRetention, nameof(HistoryRetention));
    }
}
