using System.Text.Json;
using Daybreak.Correlation;
using Daybreak.Events;
using Daybreak.Response.Graph;

namespace Daybreak.Response.Containment;

/// <summary>
/// Turns an incident into the Graph requests that stop it, in this order: lock the users the attacker held (disable,
/// revoke sessions) so it cannot come back through them; disable the attacker's service principals, which stops new
/// tokens whatever credential it holds; remove the credentials it added; delete the app role assignments it granted
/// (e.g. Exchange full_access_as_app) and the delegated permission grants of its apps. Then the Exchange Online
/// steps, which Graph cannot do: an Application Access Policy that bites on tokens already issued, and undoing the
/// mailbox permissions it added. First-party Microsoft apps are never disabled.
/// </summary>
public sealed class ContainmentPlanner
{
    private readonly ContainmentOptions _options;

    public ContainmentPlanner(ContainmentOptions? options = null)
    {
        _options = options ?? new ContainmentOptions();
        if (string.IsNullOrWhiteSpace(_options.RestrictGroup)) throw new ArgumentException("the restrict group needs a name");
    }

    public ContainmentPlan Plan(Incident incident, IEnumerable<AuditEvent> evidence) => Plan(incident, IncidentEvidence.From(evidence));

    public ContainmentPlan Plan(Incident incident, IncidentEvidence ev)
    {
        var plan = new ContainmentPlan { IncidentId = incident.Id };
        var steps = new List<ContainmentStep>();
        PlanUsers(incident, ev, plan, steps);
        var apps = AttackerApps(incident, ev, plan);
        var sps = AttackerServicePrincipals(incident, ev, apps, plan);

        foreach (var sp in sps)
        {
            steps.Add(new ContainmentStep
            {
                Key = $"disable-sp:{sp.Path}", Action = ContainmentAction.DisableServicePrincipal, Method = "PATCH", Path = sp.Path,
                Body = """{"accountEnabled":false}""",
                Why = $"{sp.Label} is the attacker's ({sp.Why}); a disabled service principal gets no new tokens, whatever credential the attacker holds.",
                Args = Args(("servicePrincipal", sp.Path)),
            });
        }
        PlanCredentials(incident, ev, apps, sps, steps, _options.ProofThumbprint);
        PlanRoleAssignments(ev, sps, steps, plan);
        foreach (var sp in sps)
        {
            var filterValue = sp.ObjectId;
            steps.Add(new ContainmentStep
            {
                Key = $"delete-grants:{sp.Path}", Action = ContainmentAction.DeletePermissionGrants, Method = "DELETE",
                Path = "/oauth2PermissionGrants/{grantId}",
                Lookup = filterValue is not null ? $"/oauth2PermissionGrants?$filter=clientId eq '{filterValue}'" : $"{sp.Path}/oauth2PermissionGrants",
                Why = $"Delegated permissions consented to {sp.Label} let it act as the consenting users; each grant is deleted.",
                Args = Args(("servicePrincipal", sp.Path), ("clientId", filterValue)),
            });
        }
        for (var i = 0; i < steps.Count; i++) plan.Steps.Add(steps[i] with { Order = i + 1 });
        PlanExchange(ev, apps, plan);
        return plan;
    }

    private void PlanUsers(Incident incident, IncidentEvidence ev, ContainmentPlan plan, List<ContainmentStep> steps)
    {
        IEnumerable<CompromisedUser> users;
        if (ev.HasEvents)
        {
            users = ev.Users.Values;
            var sprayedOnly = incident.Entities.Users.Where(u => !ev.Users.ContainsKey(u) && !ev.Users.Values.Any(c => c.Upn == u)).ToList();
            if (sprayedOnly.Count > 0)
                plan.Notes.Add($"{sprayedOnly.Count} account(s) of the incident show no successful sign-in or action in the evidence (targets of the spray): not disabled; reset their passwords and require MFA.");
        }
        else
        {
            users = incident.Entities.Users.Select(u => new CompromisedUser(null, u, "named in the incident (no evidence records in the case to tell sprayed from compromised)"));
            if (incident.Entities.Users.Count > 0)
                plan.Notes.Add("The case holds no evidence records for this incident: every user of the incident is planned. Review before --execute.");
        }
        foreach (var user in users.OrderBy(u => u.Upn ?? u.ObjectId, StringComparer.Ordinal))
        {
            var id = GraphText.IsGuid(user.ObjectId) ? user.ObjectId! : GraphText.IsUpn(user.Upn) ? user.Upn! : null;
            var label = user.Upn ?? user.ObjectId ?? "?";
            if (id is null) { plan.Notes.Add($"User {label}: no usable object id or UPN in the logs; disable it by hand."); continue; }
            if (Excluded(user.ObjectId, user.Upn)) { plan.Notes.Add($"User {label}: excluded by option."); continue; }
            var path = "/users/" + GraphText.Segment(id);
            steps.Add(new ContainmentStep
            {
                Key = $"disable-user:{id}", Action = ContainmentAction.DisableUser, Method = "PATCH", Path = path, Body = """{"accountEnabled":false}""",
                Why = $"{label} {user.Why}; disabling it blocks new sign-ins.", Args = Args(("user", id)),
            });
            steps.Add(new ContainmentStep
            {
                Key = $"revoke-sessions:{id}", Action = ContainmentAction.RevokeUserSessions, Method = "POST", Path = path + "/revokeSignInSessions",
                Why = $"Invalidates {label}'s refresh tokens and session cookies, so tokens already issued stop working.", Args = Args(("user", id)),
            });
        }
    }

    /// <summary>App ids the attacker used or made: those of the incident and its evidence, minus Microsoft's own and excluded ones.</summary>
    private SortedSet<string> AttackerApps(Incident incident, IncidentEvidence ev, ContainmentPlan plan)
    {
        var candidates = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var app in incident.Entities.Apps.Concat(ev.ActingApps).Concat(ev.CreatedApps).Concat(ev.RoleAssignments.Select(r => r.ClientAppId ?? "")))
            if (GraphText.IsGuid(app)) candidates.Add(app.ToLowerInvariant());
        var apps = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var app in candidates)
        {
            if (MicrosoftApps.IsFirstParty(app)) { plan.Notes.Add($"App {app} is a Microsoft first-party app: never disabled; its access is cut through the attacker's own apps and users."); continue; }
            if (Excluded(app)) { plan.Notes.Add($"App {app}: excluded by option."); continue; }
            apps.Add(app);
        }
        return apps;
    }

    private List<PlannedPrincipal> AttackerServicePrincipals(Incident incident, IncidentEvidence ev, SortedSet<string> apps, ContainmentPlan plan)
    {
        var list = new List<PlannedPrincipal>();
        var covered = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var app in apps)
        {
            ev.ServicePrincipalOfApp.TryGetValue(app, out var sp);
            if (sp is not null && Excluded(sp)) continue;
            var path = sp is not null ? "/servicePrincipals/" + sp : $"/servicePrincipals(appId='{app}')";
            var why = ev.CreatedApps.Contains(app) ? "created during the incident"
                : ev.ActingApps.Contains(app) ? "it acted in the incident" : "named in the incident";
            list.Add(new PlannedPrincipal(path, sp, app, Label(ev, app, sp), why));
            if (sp is not null) covered.Add(sp);
        }
        foreach (var sp in incident.Entities.ServicePrincipals.Concat(ev.ActingServicePrincipals).Where(GraphText.IsGuid).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
        {
            if (covered.Contains(sp)) continue;
            ev.AppOfServicePrincipal.TryGetValue(sp, out var app);
            if (app is not null && !apps.Contains(app)) continue; // a first-party or excluded app's service principal
            if (Excluded(sp)) { plan.Notes.Add($"Service principal {sp}: excluded by option."); continue; }
            list.Add(new PlannedPrincipal("/servicePrincipals/" + sp, sp, app, Label(ev, app, sp), "it acted in the incident"));
            covered.Add(sp);
        }
        return list;
    }

    private static void PlanCredentials(Incident incident, IncidentEvidence ev, SortedSet<string> apps, List<PlannedPrincipal> sps, List<ContainmentStep> steps, string? proof)
    {
        var handled = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in ev.Credentials)
        {
            if (!handled.Add(c.KeyId)) continue;
            var owner = (c.Owner == CredentialOwner.Application ? "/applications/" : "/servicePrincipals/") + c.OwnerId;
            var what = c.Owner == CredentialOwner.Application ? "application" : "service principal";
            if (c.IsPassword)
            {
                steps.Add(new ContainmentStep
                {
                    Key = $"remove-password:{owner}:{c.KeyId}", Action = ContainmentAction.RemovePassword, Method = "POST", Path = owner + "/removePassword",
                    Body = JsonSerializer.Serialize(new Dictionary<string, string> { ["keyId"] = c.KeyId }),
                    Why = $"Client secret {c.KeyId} was added to {what} {c.OwnerId} during the incident (record {c.RecordId}).",
                    Args = Args(("owner", owner), ("keyId", c.KeyId)),
                });
            }
            else if (c.IsCertificate)
            {
                steps.Add(KeyStep(owner, c.KeyId,
                    $"Certificate {c.KeyId} was added to {what} {c.OwnerId} during the incident (record {c.RecordId}).", proof));
            }
            else
            {
                steps.Add(AnyCredentialStep([owner], c.KeyId, $"Credential {c.KeyId} was added to {what} {c.OwnerId} during the incident (record {c.RecordId}); its type is not logged.", proof));
            }
        }
        foreach (var keyId in incident.Entities.CredentialKeyIds.Concat(ev.CredentialUsedBy.Keys).Where(GraphText.IsGuid).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
        {
            if (!handled.Add(keyId)) continue;
            List<string> owners;
            if (ev.CredentialUsedBy.TryGetValue(keyId, out var sp))
            {
                var app = ev.AppOfServicePrincipal.GetValueOrDefault(sp);
                if (app is not null && !apps.Contains(app)) continue;
                owners = [app is not null ? Application(ev, app) : null!, "/servicePrincipals/" + sp];
                owners.RemoveAll(o => o is null);
            }
            else
            {
                owners = sps.SelectMany(p => new[] { p.AppId is not null ? Application(ev, p.AppId) : null, p.Path }).OfType<string>().ToList();
            }
            if (owners.Count == 0) continue;
            steps.Add(AnyCredentialStep(owners, keyId, $"Credential {keyId} was used by the attacker's sign-ins; it is removed from whichever of its apps holds it.", proof));
        }
    }

    private static string Application(IncidentEvidence ev, string app) =>
        ev.ApplicationOfApp.TryGetValue(app, out var obj) ? "/applications/" + obj : $"/applications(appId='{app}')";

    private static ContainmentStep KeyStep(string owner, string keyId, string why, string? proof) => proof is null
        ? new()
        {
            Key = $"remove-key:{owner}:{keyId}", Action = ContainmentAction.RemoveKey, Method = "PATCH", Path = owner,
            Body = $$"""{"keyCredentials":[<current keyCredentials without {{keyId}}>]}""",
            Lookup = owner + "?$select=id,keyCredentials",
            Why = why + " removeKey would need a proof-of-possession token signed by one of the app's own keys (--proof-certificate), so the key is dropped by updating keyCredentials.",
            Args = Args(("owner", owner), ("keyId", keyId)),
        }
        : new()
        {
            // Same key as the PATCH form: a step done either way is done.
            Key = $"remove-key:{owner}:{keyId}", Action = ContainmentAction.RemoveKey, Method = "POST", Path = owner + "/removeKey",
            Body = $$"""{"keyId":"{{keyId}}","proof":"<JWT signed by certificate {{proof}}, made when sent>"}""",
            Lookup = owner + "?$select=id,keyCredentials",
            Why = why + $" Removed with removeKey and a proof of possession signed by certificate {proof}, which the owner must already hold.",
            Args = Args(("owner", owner), ("keyId", keyId), ("proof", proof)),
        };

    private static ContainmentStep AnyCredentialStep(IReadOnlyList<string> owners, string keyId, string why, string? proof) => new()
    {
        Key = $"remove-credential:{keyId}", Action = ContainmentAction.RemoveCredential, Method = "POST|PATCH",
        Path = string.Join(" or ", owners.Select(o => o + "/removePassword")) + " (secret), or " + (proof is null ? "PATCH keyCredentials" : "removeKey with a proof") + " (certificate)",
        Body = $$"""{"keyId":"{{keyId}}"}""",
        Lookup = string.Join("; ", owners.Select(o => o + "?$select=id,passwordCredentials,keyCredentials")),
        Why = why, Args = Args(("owners", string.Join(' ', owners)), ("keyId", keyId), ("proof", proof)),
    };

    private static void PlanRoleAssignments(IncidentEvidence ev, List<PlannedPrincipal> sps, List<ContainmentStep> steps, ContainmentPlan plan)
    {
        var attacker = sps.Where(s => s.ObjectId is not null).Select(s => s.ObjectId!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var a in ev.RoleAssignments.DistinctBy(a => (a.ResourceServicePrincipal, a.ClientServicePrincipal, a.AppRoleId)))
        {
            if (!attacker.Contains(a.ClientServicePrincipal) && (a.ClientAppId is null || !sps.Any(s => s.AppId == a.ClientAppId))) continue;
            var role = a.AppRoleValue ?? a.AppRoleId ?? "an app role";
            var resource = a.ResourceName ?? a.ResourceServicePrincipal;
            var path = $"/servicePrincipals/{a.ResourceServicePrincipal}/appRoleAssignedTo/" + (a.AssignmentId ?? "{assignmentId}");
            steps.Add(new ContainmentStep
            {
                Key = $"delete-assignment:{a.ResourceServicePrincipal}:{a.ClientServicePrincipal}:{a.AppRoleId}", Action = ContainmentAction.DeleteAppRoleAssignment,
                Method = "DELETE", Path = path,
                Lookup = a.AssignmentId is null ? $"/servicePrincipals/{a.ResourceServicePrincipal}/appRoleAssignedTo (principalId {a.ClientServicePrincipal}, appRoleId {a.AppRoleId})" : null,
                Why = $"The attacker's service principal {a.ClientServicePrincipal} was granted {role} on {resource} during the incident (record {a.RecordId}); the logs do not carry the assignment id, so it is looked up.",
                Args = Args(("resource", a.ResourceServicePrincipal), ("principal", a.ClientServicePrincipal), ("appRole", a.AppRoleId), ("assignment", a.AssignmentId)),
            });
        }
        if (ev.HasEvents && ev.RoleAssignments.Count == 0 && sps.Count > 0)
            plan.Notes.Add("No app role assignment was logged in the evidence; check each attacker service principal's appRoleAssignments by hand (GET /servicePrincipals/{id}/appRoleAssignments).");
    }

    private void PlanExchange(IncidentEvidence ev, SortedSet<string> apps, ContainmentPlan plan)
    {
        if (apps.Count > 0)
        {
            var group = GraphText.PowerShellQuote(_options.RestrictGroup);
            plan.Exchange.Add(new ExchangeStep(
                "An Application Access Policy is checked on every Exchange request, so it stops tokens already issued, which Entra changes do not. It restricts the apps to an empty mail-enabled security group: no mailbox.",
                $"if (-not (Get-DistributionGroup -Identity {group} -ErrorAction SilentlyContinue)) {{ New-DistributionGroup -Name {group} -Type Security }}"));
            foreach (var app in apps)
            {
                var id = GraphText.PowerShellQuote(app);
                plan.Exchange.Add(new ExchangeStep($"Restrict app {app} ({Label(ev, app, null)}) to no mailbox.",
                    $"New-ApplicationAccessPolicy -AppId {id} -PolicyScopeGroupId {group} -AccessRight RestrictAccess -Description {GraphText.PowerShellQuote("Daybreak containment " + plan.IncidentId)}"));
                plan.Exchange.Add(new ExchangeStep($"Remove any RBAC for Applications role assignment of app {app} (Exchange grants are added to Entra's, so both must go).",
                    $"Get-ManagementRoleAssignment -RoleAssigneeType ServicePrincipal | Where-Object {{ $_.App -eq {id} -or $_.RoleAssigneeName -eq {id} }} | Remove-ManagementRoleAssignment -Confirm:$false"));
                if (!ev.CreatedApps.Contains(app))
                    plan.Exchange.Add(new ExchangeStep($"Only if the business still needs app {app}: after its tenant-wide Entra grant is gone, re-grant through RBAC for Applications scoped to the mailboxes it needs.",
                        $"# New-ManagementScope -Name 'Daybreak-{app}-scope' -RecipientRestrictionFilter \"MemberOfGroup -eq '<group DN>'\"; New-ManagementRoleAssignment -App {id} -Role 'Application Mail.Read' -CustomResourceScope 'Daybreak-{app}-scope'"));
            }
        }
        foreach (var change in ev.ExchangeChanges)
        {
            var p = change.Parameters;
            string? line = change.Cmdlet.ToLowerInvariant() switch
            {
                "add-mailboxpermission" when p.ContainsKey("Identity") && p.ContainsKey("User") =>
                    $"Remove-MailboxPermission -Identity {Q(p["Identity"])} -User {Q(p["User"])} -AccessRights {Rights(p.GetValueOrDefault("AccessRights"), "FullAccess")} -InheritanceType All -Confirm:$false",
                "add-recipientpermission" when p.ContainsKey("Identity") && p.ContainsKey("Trustee") =>
                    $"Remove-RecipientPermission -Identity {Q(p["Identity"])} -Trustee {Q(p["Trustee"])} -AccessRights SendAs -Confirm:$false",
                "add-mailboxfolderpermission" when p.ContainsKey("Identity") && p.ContainsKey("User") =>
                    $"Remove-MailboxFolderPermission -Identity {Q(p["Identity"])} -User {Q(p["User"])} -Confirm:$false",
                "new-managementroleassignment" when p.ContainsKey("Role") =>
                    $"Get-ManagementRoleAssignment -Role {Q(p["Role"])} | Where-Object {{ $_.WhenCreatedUTC -ge (Get-Date).AddDays(-90) }} | Format-List Name,RoleAssignee,App,CustomResourceScope  # review, then Remove-ManagementRoleAssignment",
                _ => null,
            };
            if (line is not null) plan.Exchange.Add(new ExchangeStep($"Undo \"{change.Cmdlet}\" the attacker ran (record {change.RecordId}).", line));
        }
    }

    private static string Q(string value) => GraphText.PowerShellQuote(value.Trim().Trim('"'));

    private static string Rights(string? value, string fallback)
    {
        var rights = (value ?? fallback).Split([',', ' ', ';', '"', '[', ']'], StringSplitOptions.RemoveEmptyEntries)
            .Where(r => r.All(char.IsAsciiLetter)).ToList();
        return rights.Count == 0 ? fallback : string.Join(',', rights);
    }

    private bool Excluded(params string?[] ids) => ids.Any(i => i is not null && _options.Exclude.Contains(i));

    private static string Label(IncidentEvidence ev, string? app, string? sp)
    {
        var name = app is not null && ev.AppNames.TryGetValue(app, out var n) ? $"\"{n}\" " : "";
        return app is not null ? $"{name}app {app}" : $"service principal {sp}";
    }

    private static IReadOnlyDictionary<string, string> Args(params (string Key, string? Value)[] pairs) =>
        pairs.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!);

    private sealed record PlannedPrincipal(string Path, string? ObjectId, string? AppId, string Label, string Why);
}
