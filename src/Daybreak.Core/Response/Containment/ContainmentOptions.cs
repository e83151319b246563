namespace Daybreak.Response.Containment;

/// <summary>Choices for a containment plan, validated when the planner is built.</summary>
public sealed class ContainmentOptions
{
    /// <summary>User ids or UPNs, app ids and service principal ids to leave alone (e.g. a business app the responder will scope instead).</summary>
    public ISet<string> Exclude { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Name of the empty mail-enabled security group the Application Access Policy restricts attacker apps to.</summary>
    public string RestrictGroup { get; init; } = "Daybreak-Containment-NoMailboxes";

    /// <summary>
    /// Thumbprint of a certificate the responder holds for the app (with its private key): certificates are then
    /// removed with removeKey and a proof of possession signed by it. Null: by updating keyCredentials.
    /// </summary>
    public string? ProofThumbprint { get; init; }
}
