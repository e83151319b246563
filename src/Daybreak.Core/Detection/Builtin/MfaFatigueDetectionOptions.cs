namespace Daybreak.Detection.Builtin;

/// <summary>Tuning of <see cref="MfaFatigueDetection"/>.</summary>
public sealed class MfaFatigueDetectionOptions
{
    /// <summary>Entra codes of a denied MFA prompt: 500121 (authentication failed during strong authentication; "user declined").</summary>
    public IReadOnlyList<string> DenialCodes { get; init; } = ["500121"];

    /// <summary>Denials are counted within this sliding window.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Denials of one user within the window that make a fatigue attack.</summary>
    public int MinDenials { get; init; } = 3;

    /// <summary>An approval (successful MFA sign-in) this soon after the last denial is raised as the attack succeeding.</summary>
    public TimeSpan ApprovalWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>After an approval, the user's first mailbox activity from the approving IP within this time is raised too.</summary>
    public TimeSpan FollowUpWindow { get; init; } = TimeSpan.FromHours(24);

    internal void Validate()
    {
        if (DenialCodes.Count == 0) throw new ArgumentException("DenialCodes must not be empty", nameof(DenialCodes));
        OptionChecks.Positive(Window, nameof(Window));
        OptionChecks.Positive(ApprovalWindow, nameof(ApprovalWindow));
        OptionChecks.Positive(FollowUpWindow, nameof(FollowUpWindow));
        OptionChecks.AtLeast(MinDenials, 2, nameof(MinDenials));
    }
}
