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
