using System.Text.Json;

namespace Daybreak.Simulation.Activity;

/// <summary>Benign activity rates, loaded from the embedded rates.json so they are data, not code.</summary>
internal sealed record ActivityRates
{
    public double InteractiveSignInsPerDay { get; init; }
    public double NonInteractiveSignInsPerDay { get; init; }
    public double DirectoryAuditsPerDay { get; init; }
    public double MailItemsAccessedPerDay { get; init; }
    public double GraphRequestsPerDay { get; init; }
    public double WeekendInteractive { get; init; }
    public double WeekendNonInteractive { get; init; }
    public double WeekendAudits { get; init; }
    public double WeekendMail { get; init; }
    public double NightNonInteractiveFloor { get; init; }
    public double SyncShare { get; init; }
    public double TypoRate { get; init; }
    public double LockoutRate { get; init; }
    public double ExpiredRate { get; init; }
    public double KmsiRate { get; init; }
    public double MfaPromptRate { get; init; }
    public double MfaDeniedRate { get; init; }
    public double TravelDayRate { get; init; }
    public double HomeDayRate { get; init; }
    public double VpnShare { get; init; }
    public double InboxRulesPerUserPerDay { get; init; }
    public double ForwardingPerUserPerDay { get; init; }
    public double AppRegistrationsPer1000UsersPerDay { get; init; }
    public double CredentialRotationsPer1000UsersPerDay { get; init; }
    public double RoleAssignmentsPer1000UsersPerDay { get; init; }
    public double UserConsentsPer1000UsersPerDay { get; init; }
    public double HrProvisioningPer1000UsersPerDay { get; init; }
    public double BackupReadsPerMailboxPerDay { get; init; }
    public double CrmReadsPerDay { get; init; }
    public double MisconfiguredDeviceAttemptsPerHour { get; init; }

    public static ActivityRates Default { get; } = Load();

    private static ActivityRates Load()
    {
        using var stream = typeof(ActivityRates).Assembly.GetManifestResourceStream("Daybreak.Simulation.Activity.rates.json")
                           ?? throw new InvalidOperationException("rates.json is not embedded");
        return JsonSerializer.Deserialize<ActivityRates>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
               ?? throw new InvalidOperationException("rates.json is empty");
    }
}
