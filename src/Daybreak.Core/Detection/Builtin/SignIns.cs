using Daybreak.Events;

namespace Daybreak.Detection.Builtin;

/// <summary>Sign-in facts the identity detections share.</summary>
internal static class SignIns
{
    /// <summary>A sign-in of a user (or of an unknown kind of actor) with a <see cref="UserKey"/>: asked by every identity
    /// detection of every event, so it tests for the names without lower-casing them as the key does.</summary>
    public static bool IsUserSignIn(AuditEvent evt) =>
        evt.Source == SourceKind.SignIn && evt.Actor.Kind is ActorKind.User or ActorKind.Unknown && (evt.Actor.ObjectId ?? evt.Actor.Upn) is not null;

    /// <summary>The account a sign-in is for: object id where present (UPNs can be renamed), else UPN.</summary>
    public static string? UserKey(AuditEvent evt) => evt.Actor.ObjectId?.ToLowerInvariant() ?? evt.Actor.Upn?.ToLowerInvariant();

    public static bool IsSuccess(AuditEvent evt) => evt.Outcome.Status == OutcomeStatus.Success || evt.Outcome.Code == "0";

    public static bool IsMultiFactor(AuditEvent evt) =>
        string.Equals(evt.Auth.Requirement, "multiFactorAuthentication", StringComparison.OrdinalIgnoreCase);

    public static bool IsSingleFactor(AuditEvent evt) =>
        string.Equals(evt.Auth.Requirement, "singleFactorAuthentication", StringComparison.OrdinalIgnoreCase);

    public static bool IsInteractive(AuditEvent evt) =>
        evt.Auth.IsInteractive ?? string.Equals(evt.Auth.SignInType, "interactiveUser", StringComparison.OrdinalIgnoreCase);
}
