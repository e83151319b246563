namespace Daybreak.Detection.Builtin;

/// <summary>Tuning of <see cref="PasswordSprayDetection"/>.</summary>
public sealed class PasswordSprayDetectionOptions
{
    /// <summary>Entra error codes that mean "a password was tried": bad password, locked, expired, invalid/disabled account.</summary>
    public IReadOnlyList<string> FailureCodes { get; init; } = ["50126", "50053", "50055", "50056"];

    /// <summary>How long an account's failures accumulate (low-and-slow sprays run for days).</summary>
    public TimeSpan Lookback { get; init; } = TimeSpan.FromDays(14);

    /// <summary>A failure followed by a success of the same account from the same IP within this time is a typo, not an attack.</summary>
    public TimeSpan ResolveWindow { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>An IP with a successful sign-in of any account within this time is the tenant's own (office, home, VPN).</summary>
    public TimeSpan KnownIpRetention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Distinct source IPs of foreign failures that make an account a spray target.</summary>
    public int TargetMinDistinctIps { get; init; } = 5;

    /// <summary>Distinct source IPs of foreign failures before a success for that success to be raised as a compromise.</summary>
    public int SuccessMinDistinctIps { get; init; } = 3;

    /// <summary>Do not raise a success from an IP where accounts of the tenant already signed in successfully (the account's owner at work).</summary>
    public bool IgnoreSuccessFromKnownIps { get; init; } = true;

    /// <summary>Window of the tenant-wide view: accounts failing from foreign IPs within it form one campaign.</summary>
    public TimeSpan CampaignWindow { get; init; } = TimeSpan.FromDays(3);

    /// <summary>Accounts, each with foreign failures from at least two IPs, that make a tenant-wide spray campaign.</summary>
    public int CampaignMinAccounts { get; init; } = 5;

    /// <summary>An IP or ASN is part of a campaign's pattern when foreign failures from it hit at least this many accounts of
    /// the campaign within its window; an account joins the campaign with failures from two IPs that match the pattern.</summary>
    public int CampaignSharedMinAccounts { get; init; } = 3;

    internal void Validate()
    {
        if (FailureCodes.Count == 0) throw new ArgumentException("FailureCodes must not be empty", nameof(FailureCodes));
        OptionChecks.Positive(Lookback, nameof(Lookback));
        OptionChecks.Positive(ResolveWindow, nameof(ResolveWindow));
        OptionChecks.Positive(KnownIpRetention, nameof(KnownIpRetention));
        OptionChecks.Positive(CampaignWindow, nameof(CampaignWindow));
        OptionChecks.AtLeast(TargetMinDistinctIps, 2, nameof(TargetMinDistinctIps));
        OptionChecks.AtLeast(SuccessMinDistinctIps, 1, nameof(SuccessMinDistinctIps));
        OptionChecks.AtLeast(CampaignMinAccounts, 2, nameof(CampaignMinAccounts));
        OptionChecks.AtLeast(CampaignSharedMinAccounts, 2, nameof(CampaignSharedMinAccounts));
    }
}
