using System.Text.Json;
using Daybreak.Events;

namespace Daybreak.Decoders.Ual;

/// <summary>
/// AzureActiveDirectory UAL records describe actor and target as lists of <c>{ID, Type}</c> identities, one entity
/// spread over several entries: <c>User_&lt;objectId&gt;</c> / <c>ServicePrincipal_&lt;objectId&gt;</c> (Type 2, Other),
/// the bare object id and app id (Type 2), a display name (Type 1, Name), a UPN (Type 5) or SPN (Type 4).
/// This folds such a list back into one entity.
/// </summary>
internal static class AadIdentities
{
    public sealed record Entity(string? Kind, string? ObjectId, string? Name, string? Upn, string? AppId);

    /// <summary>The entity named by <paramref name="field"/> (Actor, Target, AADTarget), or null when absent or empty.</summary>
    public static Entity? Read(JsonElement record, string field)
    {
        if (record.Json(field) is not { ValueKind: JsonValueKind.Array } list) return null;
        return Fold(list.EnumerateArray().Select(entry => (entry.Str("ID", "Id"), entry.Str("Type"))));
    }

    /// <summary>The entity an identity list describes, from its entries' ID (or Id) and Type as text.</summary>
    public static Entity? Fold(IEnumerable<(string? Id, string? Type)> entries)
    {
        string? kind = null, objectId = null, name = null, upn = null, spn = null;
        var bareIds = new List<string>();
        foreach (var (id, type) in entries)
        {
            if (string.IsNullOrWhiteSpace(id)) continue;
            var underscore = id.IndexOf('_');
            if (underscore > 0 && Guid.TryParse(id.AsSpan(underscore + 1), out _))
            {
                kind ??= id[..underscore];
                objectId ??= id[(underscore + 1)..].ToLowerInvariant();
                continue;
            }
            switch (type)
            {
                case "5" or "UPN": upn ??= id; break;
                case "4" or "SPN": spn ??= id; break;
                case "1" or "Name": name ??= id; break;
                case "3" or "PUID": break; // a Passport unique id: no use for joins
                default:
                    if (Guid.TryParse(id, out _)) bareIds.Add(id.ToLowerInvariant());
                    else if (id.Contains('@')) upn ??= id;
                    else name ??= id;
                    break;
            }
        }
        // For an app or service principal, the bare GUID that is not its object id is its app id.
        string? appId = null;
        if (kind is "ServicePrincipal" or "Application")
            appId = bareIds.FirstOrDefault(g => g != objectId) ?? (Guid.TryParse(spn, out _) ? spn!.ToLowerInvariant() : null);
        objectId ??= bareIds.FirstOrDefault();
        if (kind is null && upn is not null) kind = "User";
        if (kind is null && objectId is null && name is null && upn is null && spn is null) return null;
        return new Entity(kind, objectId, name ?? spn, upn?.ToLowerInvariant(), appId);
    }

    public static ActorKind ActorKindOf(string? kind) => kind switch
    {
        "User" => ActorKind.User,
        "ServicePrincipal" => ActorKind.ServicePrincipal,
        "Application" => ActorKind.App,
        _ => ActorKind.Unknown,
    };
}
