namespace Daybreak.Detection.Builtin;

/// <summary>Tuning of every built-in detection; each part has its own defaults, validated when the detection is built.</summary>
public sealed class BuiltinOptions
{
    public PasswordSprayDetectionOptions PasswordSpray { get; init; } = new();
    public RiskyAccountSignInDetectionOptions RiskyAccountSignIn { get; init; } = new();
    public AppCredentialAddedDetectionOptions AppCredentialAdded { get; init; } = new();
    public UserCreatedByAppDetectionOptions UserCreatedByApp { get; init; } = new();
    public NewMailReaderAppDetectionOptions NewMailReaderApp { get; init; } = new();
    public AppReadingManyMailboxesDetectionOptions AppReadingManyMailboxes { get; init; } = new();
    public VipMailboxAccessDetectionOptions VipMailboxAccess { get; init; } = new();
    public MailForwardingDetectionOptions MailForwarding { get; init; } = new();
    public MfaFatigueDetectionOptions MfaFatigue { get; init; } = new();
    public SessionReplayDetectionOptions SessionReplay { get; init; } = new();

    /// <summary>Names of detections to leave out (<c>password-spray</c>, <c>sigma</c>, ...).</summary>
    public IReadOnlyCollection<string> Disabled { get; init; } = [];
}
