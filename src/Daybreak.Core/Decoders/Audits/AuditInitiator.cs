using System.Text.Json;
using Daybreak.Decoders.Entra;
using Daybreak.Events;

namespace Daybreak.Decoders.Audits;

/// <summary>
/// Reads <c>initiatedBy</c>: either <c>user{id,userPrincipalName,displayName,ipAddress}</c> or
/// <c>app{appId,displayName,servicePrincipalId,servicePrincipalName}</c>; the other side is null or absent.
/// </summary>
internal static class AuditInitiator
{
    public static void Apply(AuditEvent evt, JsonElement? initiatedBy)
    {
        var actor = evt.Actor;
        if (initiatedBy is not { } by)
        {
            actor.Kind = ActorKind.Unknown;
            return;
        }
        if (by.Object("user") is { } user && HasAny(user))
        {
            actor.Kind = ActorKind.User;
            actor.ObjectId = user.Text("id");
            actor.Upn = user.Upn("userPrincipalName");
            actor.DisplayName = user.Text("displayName");
            evt.Network.Ip = EntraFields.Ip(user.Text("ipAddress"));
            return;
        }
        if (by.Object("app") is { } app && HasAny(app))
        {
            var servicePrincipalId = app.Text("servicePrincipalId");
            // An app with a service principal object in this tenant acts as that service principal.
            actor.Kind = servicePrincipalId is null ? ActorKind.App : ActorKind.ServicePrincipal;
            actor.ObjectId = servicePrincipalId;
            actor.AppId = app.Text("appId");
            actor.DisplayName = app.Text("displayName") ?? app.Text("servicePrincipalName");
            return;
        }
        // Entra writes an empty initiatedBy for changes the directory makes itself.
        actor.Kind = ActorKind.System;
    }

    private static bool HasAny(JsonElement o) =>
        o.EnumerateObject().Any(p => p.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            && !(p.Value.ValueKind == JsonValueKind.String && p.Value.StringValue()!.Length == 0));
}
