using System.Collections.Frozen;
using System.Text.Json;
using Daybreak.Events;

namespace Daybreak.Decoders.SignIns;

/// <summary>
/// The five sign-in logs under their diagnostic category names, the Log Analytics tables that hold them, and the
/// Graph <c>signInEventTypes</c> value each stands for.
/// </summary>
internal static class SignInCategories
{
    public const string Interactive = "SignInLogs";
    public const string NonInteractive = "NonInteractiveUserSignInLogs";
    public const string ServicePrincipal = "ServicePrincipalSignInLogs";
    public const string ManagedIdentity = "ManagedIdentitySignInLogs";
    public const string MicrosoftServicePrincipal = "MicrosoftServicePrincipalSignInLogs";

    // Each name under any casing, to its canonical spelling: looked up once per record.
    private static readonly FrozenDictionary<string, string> Diagnostic =
        new[] { Interactive, NonInteractive, ServicePrincipal, ManagedIdentity, MicrosoftServicePrincipal }
            .ToFrozenDictionary(c => c, StringComparer.OrdinalIgnoreCase);

    /// <summary>The canonical category name, or null when <paramref name="category"/> is not a sign-in log.</summary>
    public static string? FromDiagnostic(string category) => Diagnostic.GetValueOrDefault(category);

    /// <summary>The category a Log Analytics table holds, or null when it is not a sign-in table.</summary>
    public static string? FromTable(string table) => table.ToUpperInvariant() switch
    {
        "SIGNINLOGS" => Interactive,
        "AADNONINTERACTIVEUSERSIGNINLOGS" => NonInteractive,
        "AADSERVICEPRINCIPALSIGNINLOGS" => ServicePrincipal,
        "AADMANAGEDIDENTITYSIGNINLOGS" => ManagedIdentity,
        _ => null,
    };

    /// <summary>The category a Graph signIn belongs to, from its event type or, lacking one, its shape.</summary>
    public static string FromGraph(JsonElement signIn, string? eventType)
    {
        switch (eventType?.ToUpperInvariant())
        {
            case "INTERACTIVEUSER": return Interactive;
            case "NONINTERACTIVEUSER": return NonInteractive;
            case "SERVICEPRINCIPAL": return ServicePrincipal;
            case "MANAGEDIDENTITY": return ManagedIdentity;
        }
        if (signIn.Str("servicePrincipalId") is not null && signIn.Str("userId") is null) return ServicePrincipal;
        return signIn.Bool("isInteractive") == false ? NonInteractive : Interactive;
    }

    /// <summary>The Graph <c>signInEventTypes</c> value for a category.</summary>
    public static string SignInType(string category) => category switch
    {
        NonInteractive => "nonInteractiveUser",
        ServicePrincipal or MicrosoftServicePrincipal => "servicePrincipal",
        ManagedIdentity => "managedIdentity",
        _ => "interactiveUser",
    };

    /// <summary>Who signs in to a log of this category.</summary>
    public static ActorKind ActorKind(string category) => category switch
    {
        ServicePrincipal or MicrosoftServicePrincipal => Events.ActorKind.ServicePrincipal,
        ManagedIdentity => Events.ActorKind.ManagedIdentity,
        _ => Events.ActorKind.User,
    };
}
