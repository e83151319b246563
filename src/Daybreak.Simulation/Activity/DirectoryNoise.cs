using Daybreak.Simulation.Organisation;
using Daybreak.Simulation.Randomness;
using Daybreak.Simulation.Records;

namespace Daybreak.Simulation.Activity;

/// <summary>The bulk of a real AuditLogs table: device check-ins, profile sync, group changes, token revocations.</summary>
internal static class DirectoryNoise
{
    public static void Emit(SliceContext ctx, SimUser user, UserDay day, SimRandom rng)
    {
        var t = RecordFactory.TimeIn(rng, ctx.SliceStart, SliceContext.SliceLength);
        var org = ctx.Org;
        var tenant = user.Tenant;
        var roll = rng.Next(100);
        AuditRecord rec;
        if (roll < 40)
        {
            rec = RecordFactory.Audit(rng, t, tenant, "Device", "Update device", "Update",
                AuditInitiator.ByApp(org.FirstPartyApp(FirstPartyApps.DeviceRegistration.AppId)),
                [new AuditTarget(user.DeviceId, user.DeviceName, "Device", null,
                [
                    new("ApproximateLastLogonTimestamp", Js.List(t.AddDays(-1).ToString("M/d/yyyy h:mm:ss tt", System.Globalization.CultureInfo.InvariantCulture)),
                        Js.List(t.ToString("M/d/yyyy h:mm:ss tt", System.Globalization.CultureInfo.InvariantCulture))),
                    new("Included Updated Properties", null, Js.Str("ApproximateLastLogonTimestamp")),
                ])]);
        }
        else if (roll < 65)
        {
            rec = RecordFactory.Audit(rng, t, tenant, "UserManagement", "Update user", "Update",
                AuditInitiator.ByApp(org.FirstPartyApp(FirstPartyApps.Substrate.AppId)),
                [new AuditTarget(user.Id.ToString(), null, "User", user.UserPrincipalName,
                [
                    new("Included Updated Properties", null, Js.Str("")),
                    new("TargetId.UserType", null, Js.Str("Member")),
                ])]);
        }
        else if (roll < 75)
        {
            var group = $"{user.Department} Team";
            rec = RecordFactory.Audit(rng, t, tenant, "GroupManagement", "Add member to group", "Assign",
                org.Admins.Count > 0 ? AuditInitiator.ByUser(rng.Pick(org.Admins), rng.Pick(org.Admins).OfficeIp.Address) : AuditInitiator.ByApp(org.FirstPartyApp(FirstPartyApps.Substrate.AppId)),
                [new AuditTarget(user.Id.ToString(), null, "User", user.UserPrincipalName,
                [
                    new("Group.ObjectID", null, Js.Str(StableGuid(ctx.Seed, group).ToString())),
                    new("Group.DisplayName", null, Js.Str(group)),
                ])]);
        }
        else if (roll < 85)
        {
            rec = RecordFactory.Audit(rng, t, tenant, "UserManagement", "Update StsRefreshTokenValidFrom Timestamp", "Update",
                AuditInitiator.ByApp(org.FirstPartyApp(FirstPartyApps.Substrate.AppId)),
                [new AuditTarget(user.Id.ToString(), null, "User", user.UserPrincipalName,
                [
                    new("StsRefreshTokensValidFrom", Js.List(t.AddDays(-30).ToString("yyyy-MM-ddTHH:mm:ssZ")), Js.List(t.ToString("yyyy-MM-ddTHH:mm:ssZ"))),
                    new("Included Updated Properties", null, Js.Str("StsRefreshTokensValidFrom")),
                ])]);
        }
        else if (roll < 95)
        {
            var group = $"{user.Department} Team";
            rec = RecordFactory.Audit(rng, t, tenant, "GroupManagement", "Update group", "Update",
                AuditInitiator.ByUser(user, day.Ip.Address),
                [new AuditTarget(StableGuid(ctx.Seed, group).ToString(), group, "Group", null,
                [
                    new("Description", Js.List("Team site"), Js.List($"{user.Department} team site")),
                    new("Included Updated Properties", null, Js.Str("Description")),
                ])]);
        }
        else if (roll < 98)
        {
            rec = RecordFactory.Audit(rng, t, tenant, "UserManagement", "User registered security info", "Add",
                AuditInitiator.ByUser(user, day.Ip.Address),
                [new AuditTarget(user.Id.ToString(), user.DisplayName, "User", user.UserPrincipalName, [])],
                [new("Method", "Microsoft Authenticator App")], "Authentication Methods");
        }
        else
        {
            rec = RecordFactory.Audit(rng, t, tenant, "UserManagement", "Reset password (self-service)", "Update",
                AuditInitiator.ByUser(user, day.Ip.Address),
                [new AuditTarget(user.Id.ToString(), user.DisplayName, "User", user.UserPrincipalName, [])],
                loggedBy: "Self-service Password Management");
        }
        ctx.Output.Add(rec);
    }

    public static Guid StableGuid(ulong seed, string name) => new SimRandom(StableHash.Mix(seed, StableHash.Of(name), 7, 0, 0)).NextGuid();
}
