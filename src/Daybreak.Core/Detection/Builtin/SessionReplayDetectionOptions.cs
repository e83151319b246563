namespace Daybreak.Detection.Builtin;

/// <summary>Tuning of <see cref="SessionReplayDetection"/>.</summary>
public sealed class SessionReplayDetectionOptions
{
    /// <summary>How long a session's issuing place is remembered.</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromDays(2);

    /// <summary>A user is judged only after being seen this long: before that every network of theirs is "new".</summary>
    public TimeSpan UserBaseline { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How long the networks a user and the tenant signed in from are remembered.</summary>
    public TimeSpan HistoryRetention { get; init; } = TimeSpan.FromDays(60);

    /// <summary>Raise only when the replaying ASN is new to the whole tenant, not just to the user (a VPN or a colleague's ISP is not a replay).</summary>
    public bool RequireNewToTenant { get; init; } = true;

    /// <summary>After a replay, the user's first mailbox activity on that session or from that IP within this time is raised too.</summary>
    public TimeSpan FollowUpWindow { get; init; } = TimeSpan.FromHours(24);

    internal void Validate()
    {
        OptionChecks.Positive(SessionLifetime, nameof(SessionLifetime));
        OptionChecks.NotNegative(UserBaseline, nameof(UserBaseline));
        OptionChecks.Positive(FollowUpWindow, nameof(FollowUpWindow));
        OptionChecks.Positive(HistoryRetention, nameof(HistoryRetention));
    }
}
