using System.Text.RegularExpressions;
using Daybreak.Events;
using Daybreak.Response.Graph;

namespace Daybreak.Response.Containment;

/// <summary>
/// What the incident's evidence records say about identities: which users the attacker really held, which service
/// principal belongs to which app, which credentials the attacker added (and of which type), which app role
/// assignments it made. Read from the normalised events behind the incident's alerts.
/// </summary>
public sealed partial class IncidentEvidence
{
    public bool HasEvents { get; private set; }

    /// <summary>Service principal object id to app id.</summary>
    public Dictionary<string, string> AppOfServicePrincipal { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>App id to service principal object id.</summary>
    public Dictionary<string, string> ServicePrincipalOfApp { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>App id to application object id.</summary>
    public Dictionary<string, string> ApplicationOfApp { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>App ids created during the incident ("Add application").</summary>
    public HashSet<string> CreatedApps { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Service principal object ids that acted (signed in, changed the directory, read mail).</summary>
    public HashSet<string> ActingServicePrincipals { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>App ids that acted as themselves (app-only) or read mail as the client app.</summary>
    public HashSet<string> ActingApps { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Users the attacker held, keyed by lower-case UPN or object id, with the reason.</summary>
    public Dictionary<string, CompromisedUser> Users { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<AddedCredential> Credentials { get; } = [];

    /// <summary>Credential key id used by a service principal's sign-in, to the service principal object id.</summary>
    public Dictionary<string, string> CredentialUsedBy { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<RoleAssignment> RoleAssignments { get; } = [];

    /// <summary>Exchange cmdlets the attacker ran (Add-MailboxPermission...), with their parameters.</summary>
    public List<ExchangeChange> ExchangeChanges { get; } = [];

    /// <summary>Display names seen for app ids (attacker-chosen text: escape before showing).</summary>
    public Dictionary<string, string> AppNames { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static IncidentEvidence From(IEnumerable<AuditEvent> events)
    {
        var e = new IncidentEvidence();
        foreach (var evt in events) e.Observe(evt);
        return e;
    }

    private void Observe(AuditEvent evt)
    {
        HasEvents = true;
        var actor = evt.Actor;
        var isApp = actor.Kind is ActorKind.ServicePrincipal or ActorKind.App or ActorKind.ManagedIdentity;
        var appId = GraphText.IsGuid(actor.AppId) ? actor.AppId!.ToLowerInvariant() : null;
        var objectId = GraphText.IsGuid(actor.ObjectId) ? actor.ObjectId!.ToLowerInvariant() : null;
        if (isApp)
        {
            if (objectId is not null)
            {
                ActingServicePrincipals.Add(objectId);
                if (appId is not null) Map(objectId, appId);
            }
            if (appId is not null)
            {
                ActingApps.Add(appId);
                if (!string.IsNullOrWhiteSpace(actor.DisplayName)) AppNames.TryAdd(appId, actor.DisplayName);
            }
            if (evt.Auth.CredentialKeyId is { } used && GraphText.IsGuid(used) && objectId is not null)
                CredentialUsedBy.TryAdd(used.ToLowerInvariant(), objectId);
        }
        else if (actor.Kind == ActorKind.User && evt.Outcome.Status == OutcomeStatus.Success)
        {
            var why = evt.Source == SourceKind.SignIn
                ? $"signed in successfully during the incident (record {evt.RecordId})"
                : $"performed \"{evt.Operation}\" during the incident (record {evt.RecordId})";
            AddUser(objectId, actor.Upn, why);
        }
        if (evt.Mail?.ClientAppId is { } client && GraphText.IsGuid(client)) ActingApps.Add(client.ToLowerInvariant());

        var op = evt.Operation.Trim();
        if (op.Equals("Add application", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var t in evt.Targets.Where(t => Is(t, "Application")))
            {
                var created = GraphText.FirstGuid(Prop(t, "AppId"));
                if (created is null) continue;
                CreatedApps.Add(created);
                if (GraphText.IsGuid(t.Id) && !t.Id!.Equals(created, StringComparison.OrdinalIgnoreCase)) ApplicationOfApp[created] = t.Id.ToLowerInvariant();
                if (!string.IsNullOrWhiteSpace(t.Name)) AppNames.TryAdd(created, t.Name);
            }
        }
        else if (op.Equals("Add service principal", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var t in evt.Targets.Where(t => Is(t, "ServicePrincipal")))
                if (GraphText.IsGuid(t.Id) && GraphText.FirstGuid(Prop(t, "AppPrincipalId")) is { } app) Map(t.Id!.ToLowerInvariant(), app);
        }
        else if (op.Equals("Add user", StringComparison.OrdinalIgnoreCase) && isApp)
        {
            foreach (var t in evt.Targets.Where(t => Is(t, "User")))
                AddUser(GraphText.IsGuid(t.Id) ? t.Id!.ToLowerInvariant() : null, t.Name, $"created by an app during the incident (record {evt.RecordId})");
        }
        else if (op.StartsWith("Add app role assignment to service principal", StringComparison.OrdinalIgnoreCase))
        {
            ReadRoleAssignment(evt);
        }
        else if (op.StartsWith("Add service principal credentials", StringComparison.OrdinalIgnoreCase)
                 || op.Contains("Certificates and secrets management", StringComparison.OrdinalIgnoreCase))
        {
            ReadCredentials(evt);
        }
        else if (ExchangeCmdlets.Contains(op))
        {
            var parameters = evt.Targets.SelectMany(t => t.ModifiedProperties)
                .GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First().NewValue ?? "", StringComparer.OrdinalIgnoreCase);
            ExchangeChanges.Add(new ExchangeChange(op, parameters, evt.RecordId));
        }
    }

    private static readonly HashSet<string> ExchangeCmdlets = new(StringComparer.OrdinalIgnoreCase)
    {
        "Add-MailboxPermission", "Add-RecipientPermission", "Add-MailboxFolderPermission", "New-ManagementRoleAssignment",
    };

    private void ReadRoleAssignment(AuditEvent evt)
    {
        foreach (var t in evt.Targets.Where(t => Is(t, "ServicePrincipal") && Prop(t, "AppRole.Id") is not null))
        {
            var resource = GraphText.IsGuid(t.Id) ? t.Id!.ToLowerInvariant() : null;
            var client = GraphText.FirstGuid(Prop(t, "ServicePrincipal.ObjectID"));
            var clientApp = GraphText.FirstGuid(Prop(t, "ServicePrincipal.AppId"));
            if (resource is null || client is null) continue;
            if (clientApp is not null) Map(client, clientApp);
            var resourceApp = GraphText.FirstGuid(Prop(t, "TargetId.ServicePrincipalNames"));
            if (resourceApp is not null) AppOfServicePrincipal.TryAdd(resource, resourceApp);
            RoleAssignments.Add(new RoleAssignment(resource, resourceApp, t.Name, client, clientApp,
                GraphText.FirstGuid(Prop(t, "AppRole.Id")), Unquote(Prop(t, "AppRole.Value")),
                GraphText.FirstGuid(Prop(t, "AppRoleAssignment.Id")), evt.RecordId));
        }
    }

    private void ReadCredentials(AuditEvent evt)
    {
        foreach (var t in evt.Targets)
        {
            var owner = Is(t, "Application") ? CredentialOwner.Application : Is(t, "ServicePrincipal") ? CredentialOwner.ServicePrincipal : (CredentialOwner?)null;
            if (owner is null || !GraphText.IsGuid(t.Id)) continue;
            foreach (var p in t.ModifiedProperties.Where(p => p.Name.Equals("KeyDescription", StringComparison.OrdinalIgnoreCase)))
            {
                var old = Keys(p.OldValue).Select(k => k.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
                foreach (var (id, type) in Keys(p.NewValue).Where(k => !old.Contains(k.Id)))
                    Credentials.Add(new AddedCredential(owner.Value, t.Id!.ToLowerInvariant(), id, type, evt.RecordId));
            }
        }
    }

    private static IEnumerable<(string Id, string? Type)> Keys(string? value) =>
        value is null ? [] : KeyDescription().Matches(value).Select(m =>
            (m.Groups["id"].Value.ToLowerInvariant(), m.Groups["type"].Success ? m.Groups["type"].Value : null));

    private void AddUser(string? objectId, string? upn, string why)
    {
        upn = upn?.Trim().ToLowerInvariant();
        var key = upn ?? objectId;
        if (key is null) return;
        if (Users.TryGetValue(key, out var known))
        {
            if (known.ObjectId is null && objectId is not null) Users[key] = known with { ObjectId = objectId };
            return;
        }
        Users[key] = new CompromisedUser(objectId, upn, why);
    }

    private void Map(string servicePrincipal, string app)
    {
        AppOfServicePrincipal.TryAdd(servicePrincipal, app);
        ServicePrincipalOfApp.TryAdd(app, servicePrincipal);
    }

    private static bool Is(Target t, string kind) => string.Equals(t.Kind, kind, StringComparison.OrdinalIgnoreCase);

    private static string? Prop(Target t, string name) =>
        t.ModifiedProperties.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.NewValue;

    private static string? Unquote(string? value) => value?.Trim().Trim('"', '[', ']').Trim();

    [GeneratedRegex(@"KeyIdentifier=(?<id>[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})(?:,KeyType=(?<type>[A-Za-z0-9]+))?", RegexOptions.CultureInvariant)]
    private static partial Regex KeyDescription();
}

public enum CredentialOwner
{
    Application,
    ServicePrincipal,
}

/// <summary>A user account the attacker held or created.</summary>
public sealed record CompromisedUser(string? ObjectId, string? Upn, string Why);

/// <summary>A credential added during the incident: on an application or a service principal object, of type Password or AsymmetricX509Cert.</summary>
public sealed record AddedCredential(CredentialOwner Owner, string OwnerId, string KeyId, string? KeyType, string RecordId)
{
    public bool IsPassword => string.Equals(KeyType, "Password", StringComparison.OrdinalIgnoreCase);

    public bool IsCertificate => KeyType is not null && !IsPassword;
}

/// <summary>An app role assignment made during the incident (e.g. Exchange Online full_access_as_app to the attacker's app).</summary>
public sealed record RoleAssignment(string ResourceServicePrincipal, string? ResourceAppId, string? ResourceName, string ClientServicePrincipal,
    string? ClientAppId, string? AppRoleId, string? AppRoleValue, string? AssignmentId, string RecordId);

/// <summary>An Exchange admin cmdlet from the Unified Audit Log, with its parameters.</summary>
public sealed record ExchangeChange(string Cmdlet, IReadOnlyDictionary<string, string> Parameters, string RecordId);
