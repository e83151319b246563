using Daybreak.Events;

namespace Daybreak.Detection.Builtin;

/// <summary>
/// What a detection keeps of a sign-in it may name as evidence hours or days later: the record id and time and the
/// fields alerts take entities from (<see cref="EntityExtractor"/>, <see cref="TargetEntities"/>), not the whole event.
/// Detections keep one for many sign-ins (every session, every user and IP of the last day) and name few: a slim event
/// (<see cref="AuditEvent.WithoutRaw"/>) kept five objects and every string of the sign-in alive, and these outlive the
/// young generation only to die in the old one, which only a full collection reclaims.
/// </summary>
internal class KeptSignIn
{
    public readonly string RecordId;
    public readonly DateTime Time;
    public readonly string? TenantId;
    public readonly string Format;
    public readonly string Operation;
    public readonly OutcomeStatus Status;
    public readonly string? Code;
    public readonly ActorKind Kind;
    public readonly string? ObjectId;
    public readonly string? Upn;
    public readonly string? AppId;
    public readonly string? Ip;
    public readonly long? Asn;
    public readonly string? Country;
    public readonly string? SessionId;
    public readonly string? UniqueTokenId;
    public readonly string? CredentialKeyId;
    // The event's own list (targets are never changed after decoding), or null for none: most sign-ins have none, and
    // an empty list kept per sign-in was one more object in the old generation for every session a hunt holds.
    private readonly List<Target>? _targets;

    /// <param name="names">The user's names kept once for all of the user's sign-ins, when the detection keeps many.</param>
    public KeptSignIn(AuditEvent e, UserNames? names = null)
    {
        RecordId = e.RecordId;
        Time = e.Time;
        Format = e.Format;
        Operation = e.Operation;
        Status = e.Outcome.Status;
        Code = e.Outcome.Code;
        Kind = e.Actor.Kind;
        Ip = e.Network.Ip;
        Asn = e.Network.Asn;
        SessionId = e.Auth.SessionId;
        UniqueTokenId = e.Auth.UniqueTokenId;
        CredentialKeyId = e.Auth.CredentialKeyId;
        _targets = e.Targets.Count > 0 ? e.Targets : null;
        (TenantId, ObjectId, Upn, AppId, Country) = names is null
            ? (e.TenantId, e.Actor.ObjectId, e.Actor.Upn, e.Actor.AppId, e.Network.Country)
            : (UserNames.Reuse(ref names.TenantId, e.TenantId), UserNames.Reuse(ref names.ObjectId, e.Actor.ObjectId),
               UserNames.Reuse(ref names.Upn, e.Actor.Upn), UserNames.Reuse(ref names.AppId, e.Actor.AppId),
               UserNames.Reuse(ref names.Country, e.Network.Country));
    }

    /// <summary>The sign-in as evidence: the fields above, no raw record.</summary>
    public AuditEvent ToEvent()
    {
        var e = new AuditEvent { RecordId = RecordId, Time = Time, TenantId = TenantId, Source = SourceKind.SignIn, Format = Format, Operation = Operation, Raw = "" };
        e.Outcome.Status = Status;
        e.Outcome.Code = Code;
        e.Actor.Kind = Kind;
        e.Actor.ObjectId = ObjectId;
        e.Actor.Upn = Upn;
        e.Actor.AppId = AppId;
        e.Network.Ip = Ip;
        e.Network.Asn = Asn;
        e.Network.Country = Country;
        e.Auth.SessionId = SessionId;
        e.Auth.UniqueTokenId = UniqueTokenId;
        e.Auth.CredentialKeyId = CredentialKeyId;
        if (_targets is not null) e.Targets.AddRange(_targets);
        return e;
    }
}

/// <summary>One user's names, kept once: each sign-in decodes its own copy of the same text.</summary>
internal sealed class UserNames
{
    public string? TenantId, ObjectId, Upn, AppId, Country;

    /// <summary>The kept copy when it equals <paramref name="value"/>; otherwise <paramref name="value"/>, kept from now on.</summary>
    public static string? Reuse(ref string? kept, string? value) => string.Equals(kept, value, StringComparison.Ordinal) ? kept : kept = value;
}
