namespace Daybreak.Detection.Builtin;

/// <summary>Tuning of <see cref="NewMailReaderAppDetection"/>.</summary>
public sealed class NewMailReaderAppDetectionOptions
{
    /// <summary>Apps that read mail during this first stretch of the data are the tenant's established readers (backup, CRM, archiving).</summary>
    public TimeSpan LearningPeriod { get; init; } = TimeSpan.FromDays(2);

    /// <summary>Microsoft's own mail clients, never "new readers".</summary>
    public IReadOnlyList<string> ExcludedApps { get; init; } = MicrosoftClients.MailClients;

    /// <summary>Known readers are forgotten after this long without reading.</summary>
    public TimeSpan RememberReaderFor { get; init; } = TimeSpan.FromDays(90);

    internal void Validate()
    {
        OptionChecks.NotNegative(LearningPeriod, nameof(LearningPeriod));
        OptionChecks.Positive(RememberReaderFor, nameof(RememberReaderFor));
    }
}
