using System.Runtime.InteropServices;
using Daybreak.Detection;

namespace Daybreak.Correlation;

/// <summary>A community rule that fired across the tenant, and how widely.</summary>
/// <param name="Users">Distinct users its alerts name (by UPN, else by object id).</param>
/// <param name="TenantUsers">The tenant's users the share was taken of.</param>
public sealed record TenantWideRule(string Rule, string Title, int Alerts, int Users, int TenantUsers);

/// <summary>
/// Community Sigma rules that describe the tenant's normal rather than an attack: a rule whose alerts name more than a
/// share of the tenant's users (<see cref="EntityGraphCorrelatorOptions.TenantWideShare"/>, and more than
/// <see cref="EntityGraphCorrelatorOptions.TenantWideMinUsers"/>) fired for ordinary users doing ordinary things,
/// such as registering an authentication method. Its alerts stay in the report; they form and join no incident, or
/// every user would be an incident and every real incident would take in its victim's ordinary month (its time span,
/// and with it the mail the victim read themselves). Daybreak's own rules are never judged so: they are written for
/// these logs, and a spray is meant to touch many accounts.
/// </summary>
public static class TenantWideRules
{
    /// <param name="tenantUsers">The tenant's users seen in the stream (<see cref="IpPopularity.Users"/>), or 0 when
    /// unknown; the users the alerts name count when they are more.</param>
    public static IReadOnlyList<TenantWideRule> Find(IReadOnlyList<Alert> alerts, int tenantUsers, EntityGraphCorrelatorOptions options)
    {
        var byRule = new Dictionary<string, (string Title, int Alerts, HashSet<string> Users)>(StringComparer.Ordinal);
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alert in alerts)
        {
            var users = UsersOf(alert);
            foreach (var id in users) named.Add(id);
            if (!alert.Community) continue;
            ref var rule = ref CollectionsMarshal.GetValueRefOrAddDefault(byRule, alert.Rule, out var seen);
            if (!seen) rule = (alert.Title, 0, new HashSet<string>(StringComparer.Ordinal));
            rule.Alerts++;
            foreach (var id in users) rule.Users.Add(id);
        }
        var tenant = Math.Max(tenantUsers, named.Count);
        var above = Math.Max(options.TenantWideMinUsers, options.TenantWideShare * tenant);
        return [.. byRule
            .Where(r => r.Value.Users.Count > above)
            .Select(r => new TenantWideRule(r.Key, r.Value.Title, r.Value.Alerts, r.Value.Users.Count, tenant))
            .OrderByDescending(r => r.Users).ThenBy(r => r.Rule, StringComparer.Ordinal)];
    }

    /// <summary>The users an alert is about: by name, else by object id (as the correlator counts an IP's users).</summary>
    private static EntitySet UsersOf(Alert alert) => alert.Entities.Users.Count > 0 ? alert.Entities.Users : alert.Entities.UserIds;
}
