using Daybreak.Events;
using Daybreak.Rules.Sigma;

namespace Daybreak.Detection.Sigma;

/// <summary>
/// The normalised event as Sigma sees it, whatever export variant it came from. Daybreak's own rules (rules/,
/// logsource product <c>daybreak</c>) are written against these names: the case store's column names
/// (docs/schema.md), plus multi-valued fields over targets and mail items, and <c>modified.NAME</c> for the new
/// value of a target's modified property (e.g. <c>modified.AppRole.Value</c>).
/// </summary>
public sealed class NormalisedSigmaEvent(AuditEvent evt) : ISigmaEvent
{
    // Made once: the status is asked of every sign-in (SigmaHQ's rules read Status), and its name made anew each time
    // was a boxed value and a string per record.
    private static readonly string[] StatusNames = Enum.GetValues<OutcomeStatus>().Select(s => s.ToString().ToLowerInvariant()).ToArray();

    private static readonly Dictionary<string, Func<AuditEvent, FieldValue>> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["record_id"] = e => S(e.RecordId),
        ["source"] = e => S(e.Source.Name()),
        ["format"] = e => S(e.Format),
        ["tenant_uid"] = e => S(e.TenantId),
        ["category"] = e => S(e.Category),
        ["activity_name"] = e => S(e.Operation),
        ["status"] = e => S((uint)e.Outcome.Status < (uint)StatusNames.Length ? StatusNames[(int)e.Outcome.Status] : e.Outcome.Status.ToString().ToLowerInvariant()),
        ["status_code"] = e => S(e.Outcome.Code),
        ["status_detail"] = e => S(e.Outcome.Reason),
        ["actor_kind"] = e => S(e.Actor.Kind.ToString()),
        ["actor_user_uid"] = e => S(e.Actor.ObjectId),
        ["actor_user_name"] = e => S(e.Actor.Upn),
        ["actor_app_uid"] = e => S(e.Actor.AppId),
        ["actor_display_name"] = e => S(e.Actor.DisplayName),
        ["src_ip"] = e => S(e.Network.Ip),
        ["src_country"] = e => S(e.Network.Country),
        ["src_city"] = e => S(e.Network.City),
        ["src_asn"] = e => e.Network.Asn is { } asn ? FieldValue.FromNumber(asn) : FieldValue.Null,
        ["user_agent"] = e => S(e.Network.UserAgent),
        ["client_app"] = e => S(e.Network.ClientApp),
        ["auth_requirement"] = e => S(e.Auth.Requirement),
        ["ca_status"] = e => S(e.Auth.ConditionalAccessStatus),
        ["is_interactive"] = e => e.Auth.IsInteractive is { } b ? FieldValue.FromBoolean(b) : FieldValue.Null,
        ["token_issuer_type"] = e => S(e.Auth.TokenIssuerType),
        ["auth_protocol"] = e => S(e.Auth.Protocol),
        ["signin_type"] = e => S(e.Auth.SignInType),
        ["correlation_uid"] = e => S(e.Auth.CorrelationId),
        ["session_uid"] = e => S(e.Auth.SessionId),
        ["unique_token_id"] = e => S(e.Auth.UniqueTokenId),
        ["signin_activity_id"] = e => S(e.Auth.SignInActivityId),
        ["credential_key_id"] = e => S(e.Auth.CredentialKeyId),
        ["mailbox_owner_upn"] = e => S(e.Mail?.MailboxOwnerUpn),
        ["mailbox_guid"] = e => S(e.Mail?.MailboxGuid),
        ["mail_access_type"] = e => S(e.Mail?.AccessType),
        ["mail_throttled"] = e => e.Mail?.IsThrottled is { } t ? FieldValue.FromBoolean(t) : FieldValue.Null,
        ["mail_operation_count"] = e => e.Mail?.OperationCount is { } c ? FieldValue.FromNumber(c) : FieldValue.Null,
        ["mail_client_info"] = e => S(e.Mail?.ClientInfoString),
        ["mail_app_id"] = e => S(e.Mail?.AppId),
        ["mail_client_app_id"] = e => S(e.Mail?.ClientAppId),
        ["target_kind"] = e => Many(e.Targets.Select(t => t.Kind)),
        ["target_id"] = e => Many(e.Targets.Select(t => t.Id)),
        ["target_name"] = e => Many(e.Targets.Select(t => t.Name)),
        ["modified_property"] = e => Many(e.Targets.SelectMany(t => t.ModifiedProperties).Select(p => p.Name)),
        ["modified_old_value"] = e => Many(e.Targets.SelectMany(t => t.ModifiedProperties).Select(p => p.OldValue)),
        ["modified_new_value"] = e => Many(e.Targets.SelectMany(t => t.ModifiedProperties).Select(p => p.NewValue)),
        ["mail_folder_path"] = e => Many(e.Mail?.Folders.Select(f => f.Path) ?? []),
        ["mail_message_id"] = e => Many(e.Mail?.Folders.SelectMany(f => f.Items).Select(i => i.InternetMessageId) ?? []),
    };

    /// <summary>Every field name this view answers (besides <c>modified.NAME</c>).</summary>
    public static IReadOnlyCollection<string> FieldNames => Fields.Keys;

    public AuditEvent Event { get; } = evt;

    public bool TryGetField(string name, out FieldValue value)
    {
        if (Fields.TryGetValue(name, out var read))
        {
            value = read(Event);
            return !value.IsNull;
        }
        if (name.StartsWith("modified.", StringComparison.OrdinalIgnoreCase))
        {
            var property = name["modified.".Length..];
            value = Many(Event.Targets.SelectMany(t => t.ModifiedProperties)
                .Where(p => string.Equals(p.Name, property, StringComparison.OrdinalIgnoreCase))
                .Select(p => Unquote(p.NewValue)));
            return !value.IsNull;
        }
        value = FieldValue.Null;
        return false;
    }

    public IEnumerable<FieldValue> AllValues()
    {
        foreach (var read in Fields.Values)
        {
            var v = read(Event);
            if (!v.IsNull) yield return v;
        }
    }

    private static FieldValue S(string? text) => FieldValue.FromString(text);

    private static FieldValue Many(IEnumerable<string?> values)
    {
        var items = values.Where(v => v is not null).Select(v => FieldValue.FromString(v)).ToList();
        return items.Count == 0 ? FieldValue.Null : FieldValue.FromItems(items);
    }

    /// <summary>Entra writes modified values JSON-encoded ("\"full_access_as_app\""); rules match the plain value.</summary>
    private static string? Unquote(string? value)
    {
        if (value is null || value.Length < 2) return value;
        var v = value.Trim();
        if (v.StartsWith("[\"", StringComparison.Ordinal) && v.EndsWith("\"]", StringComparison.Ordinal) && !v[2..^2].Contains('"')) return v[2..^2];
        if (v[0] == '"' && v[^1] == '"' && !v[1..^1].Contains('"')) return v[1..^1];
        return value;
    }
}
