using System.Text.Json;
using System.Text.RegularExpressions;
using Daybreak.Decoders.Entra;
using Daybreak.Events;

namespace Daybreak.Decoders.Audits;

/// <summary>Reads <c>targetResources</c> and finds the key id of a credential an audit event added.</summary>
internal static partial class AuditTargets
{
    public static Target Read(JsonElement resource)
    {
        var target = new Target
        {
            Kind = resource.Text("type"),
            Id = resource.Text("id"),
            Name = resource.Text("userPrincipalName") ?? resource.Text("displayName"),
        };
        foreach (var property in resource.Array("modifiedProperties"))
        {
            target.ModifiedProperties.Add(new ModifiedProperty(
                property.Text("displayName") ?? "",
                property.Text("oldValue"),
                property.Text("newValue")));
        }
        return target;
    }

    /// <summary>
    /// Directory audits about an app ("Add service principal", "Consent to application", "Update application –
    /// Certificates and secrets management", app role grants) name its app id in <c>additionalDetails</c>, while the
    /// target carries only the object id of the application or service principal. The app id belongs to the app
    /// target that is not the resource side of a grant (Exchange Online in a grant of full_access_as_app is a target
    /// too, and its app id is not the one logged); with no app target there is nothing to attach it to. A value that
    /// is not a GUID is not an app id and is dropped.
    /// </summary>
    public static void AssignAppId(List<Target> targets, string? appId)
    {
        if (!Guid.TryParse(appId?.Trim(), out var id)) return;
        var apps = targets.Where(IsApp).ToList();
        var target = apps.FirstOrDefault(t => !IsGrantResource(t)) ?? apps.FirstOrDefault();
        if (target is not null) target.AppId = id.ToString("D");
    }

    private static bool IsApp(Target t) =>
        string.Equals(t.Kind, "Application", StringComparison.OrdinalIgnoreCase) || string.Equals(t.Kind, "ServicePrincipal", StringComparison.OrdinalIgnoreCase);

    private static bool IsGrantResource(Target t) => t.ModifiedProperties.Any(p =>
        p.Name.StartsWith("AppRole.", StringComparison.OrdinalIgnoreCase) || p.Name.StartsWith("DelegatedPermissionGrant.", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// For "Add service principal credentials" and "Update application – Certificates and secrets management", the
    /// KeyIdentifier present in the new KeyDescription but not the old one: the credential the actor added, which
    /// the service principal's later sign-ins carry as servicePrincipalCredentialKeyId.
    /// </summary>
    public static string? AddedCredentialKeyId(string operation, List<Target> targets)
    {
        if (!operation.StartsWith("Add service principal credentials", StringComparison.OrdinalIgnoreCase)
            && !operation.Contains("Certificates and secrets management", StringComparison.OrdinalIgnoreCase)) return null;
        foreach (var target in targets)
        {
            foreach (var property in target.ModifiedProperties)
            {
                if (!property.Name.Equals("KeyDescription", StringComparison.OrdinalIgnoreCase)) continue;
                var old = KeyIds(property.OldValue).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var added = KeyIds(property.NewValue).FirstOrDefault(k => !old.Contains(k));
                if (added is not null) return added;
            }
        }
        return null;
    }

    private static IEnumerable<string> KeyIds(string? value) =>
        value is null ? [] : KeyIdentifier().Matches(value).Select(m => m.Groups[1].Value.ToLowerInvariant());

    [GeneratedRegex(@"KeyIdentifier=([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdentifier();
}
