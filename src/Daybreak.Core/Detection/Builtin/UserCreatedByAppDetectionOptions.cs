namespace Daybreak.Detection.Builtin;

/// <summary>Tuning of <see cref="UserCreatedByAppDetection"/>.</summary>
public sealed class UserCreatedByAppDetectionOptions
{
    /// <summary>Application ids of the tenant's HR/inbound provisioning apps, which create users for a living.</summary>
    public IReadOnlyList<string> ProvisioningAppIds { get; init; } = [];

    /// <summary>After its first user, an app's further creations within this time are its routine (one alert per app).</summary>
    public TimeSpan RememberCreatorFor { get; init; } = TimeSpan.FromDays(90);

    internal void Validate() => OptionChecks.Positive(RememberCreatorFor, nameof(RememberCreatorFor));
}
