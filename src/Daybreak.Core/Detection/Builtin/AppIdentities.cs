using Daybreak.Events;

namespace Daybreak.Detection.Builtin;

/// <summary>
/// Learns which application object id and service principal object id belong to which application (client) id, from
/// the audit events that name them, so that a consent to a service principal and a secret added to its application
/// object are recognised as the same app. Entries expire with the table.
/// </summary>
internal sealed class AppIdentities(TimeSpan ttl)
{
    private static readonly string[] AppIdProperties = ["AppId", "AppPrincipalId", "ServicePrincipal.AppId", "TargetId.ServicePrincipalNames"];

    private readonly EntityTable<string> _appIdOf = EntityTable.SetOnly<string>(ttl);

    public void Learn(AuditEvent evt)
    {
        foreach (var t in evt.Targets)
        {
            if (t.Id is null || t.Kind is not ("Application" or "ServicePrincipal")) continue;
            if (t.AppId is { } known)
            {
                _appIdOf.Set(t.Id.ToLowerInvariant(), known.ToLowerInvariant(), evt.Time);
                continue;
            }
            foreach (var p in t.ModifiedProperties)
            {
                if (!AppIdProperties.Contains(p.Name, StringComparer.OrdinalIgnoreCase)) continue;
                var appId = Json.Unquote(p.NewValue)?.Split(';')[0];
                if (Guid.TryParse(appId, out _)) _appIdOf.Set(t.Id.ToLowerInvariant(), appId!.ToLowerInvariant(), evt.Time);
                break;
            }
        }
    }

    /// <summary>Every key a target is known by: its object id and, when learned, its application id.</summary>
    public IEnumerable<string> KeysOf(Target target)
    {
        if (target.Id is null) yield break;
        var id = target.Id.ToLowerInvariant();
        yield return id;
        if ((target.AppId?.ToLowerInvariant() ?? _appIdOf.Peek(id)) is { } appId) yield return appId;
    }

    public string? AppIdOf(string? objectId) => objectId is null ? null : _appIdOf.Peek(objectId.ToLowerInvariant());
}
