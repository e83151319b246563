namespace Daybreak.Detection.Builtin;

/// <summary>Tuning of <see cref="AppReadingManyMailboxesDetection"/>.</summary>
public sealed class AppReadingManyMailboxesDetectionOptions
{
    /// <summary>Distinct mailboxes are counted over this sliding window of event time.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Distinct mailboxes read by one app (not seen in the learning period) within the window that raise.</summary>
    public int MinMailboxes { get; init; } = 5;

    /// <summary>Apps that read mail during this first stretch of the data are judged against their own baseline.</summary>
    public TimeSpan LearningPeriod { get; init; } = TimeSpan.FromDays(2);

    /// <summary>An established app raises when it reaches this many times the distinct mailboxes it read in the learning period.</summary>
    public double BaselineMultiplier { get; init; } = 3;

    public IReadOnlyList<string> ExcludedApps { get; init; } = MicrosoftClients.MailClients;

    internal void Validate()
    {
        OptionChecks.Positive(Window, nameof(Window));
        OptionChecks.AtLeast(MinMailboxes, 2, nameof(MinMailboxes));
        OptionChecks.NotNegative(LearningPeriod, nameof(LearningPeriod));
        if (BaselineMultiplier < 1) throw new ArgumentOutOfRangeException(nameof(BaselineMultiplier), BaselineMultiplier, "BaselineMultiplier must be at least 1");
    }
}
