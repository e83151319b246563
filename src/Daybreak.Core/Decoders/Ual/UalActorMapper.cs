using Daybreak.Events;

namespace Daybreak.Decoders.Ual;

/// <summary>
/// Who did it: UserId/UserKey/UserType, the AzureActiveDirectory Actor[] list, and the app ids Exchange records
/// carry (ClientAppId, AppAccessContext). UserType Application/ServicePrincipal makes the actor an app.
/// </summary>
internal static class UalActorMapper
{
    public static void Map(Actor actor, UalRecord r)
    {
        var userType = UalCodes.UserTypeName(r.UserType);
        var userId = r.UserId;
        var userKey = r.UserKey;
        var entity = r.Actor;

        actor.Kind = userType switch
        {
            "Regular" or "Admin" => ActorKind.User,
            "Application" => ActorKind.App,
            "ServicePrincipal" => ActorKind.ServicePrincipal,
            "System" or "DcAdmin" or "Reserved" or "CustomPolicy" or "SystemPolicy" => ActorKind.System,
            _ => ActorKind.Unknown,
        };
        if (entity is not null && AadIdentities.ActorKindOf(entity.Kind) is var k and not ActorKind.Unknown) actor.Kind = k;
        if (userId is not null && (userId.StartsWith("S-1-5-18", StringComparison.Ordinal) || userId.StartsWith(@"NT AUTHORITY\", StringComparison.OrdinalIgnoreCase)))
            actor.Kind = ActorKind.System;

        actor.Upn = userId?.Contains('@') == true ? userId.ToLowerInvariant() : entity?.Upn;
        actor.DisplayName = entity?.Name ?? (userId?.Contains('@') == false ? userId : null);
        actor.AppId = (r.ClientAppId ?? entity?.AppId ?? r.AppId ?? r.ApplicationId)?.ToLowerInvariant();
        if (actor.Kind == ActorKind.App && actor.AppId is null && Guid.TryParse(userKey, out _)) actor.AppId = userKey!.ToLowerInvariant();

        var objectId = entity?.ObjectId ?? r.TokenObjectId;
        if (objectId is null && actor.Kind != ActorKind.App && Guid.TryParse(userKey, out _)) objectId = userKey;
        actor.ObjectId = objectId?.ToLowerInvariant();

        // App-only access: no user signed in, an app id is all there is.
        if (actor.Kind is ActorKind.Unknown or ActorKind.User && actor.Upn is null && actor.ObjectId is null && actor.AppId is not null)
            actor.Kind = ActorKind.App;
    }
}
