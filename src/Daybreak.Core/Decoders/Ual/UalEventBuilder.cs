using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Daybreak.Events;

namespace Daybreak.Decoders.Ual;

/// <summary>Maps a <see cref="UalRecord"/>, however it was read, to an <see cref="AuditEvent"/>.</summary>
internal static partial class UalEventBuilder
{
    public static AuditEvent Build(UalRecord r, string format, string raw) =>
        Build(r, new AuditEvent { RecordId = RecordIds.For(SourceKind.Ual, r.Id, raw), Format = format, Raw = raw });

    /// <summary>For a record with an id, read from UTF-8 bytes: the raw text is made only when asked for. The record id is
    /// the reader's (<see cref="RecordIds.FromSourceId"/> of the record's Id).</summary>
    public static AuditEvent Build(UalRecord r, string recordId, string format, ReadOnlySpan<byte> rawUtf8, RawArena? arena) =>
        Build(r, new AuditEvent(recordId, format, rawUtf8, arena));

    private static AuditEvent Build(UalRecord r, AuditEvent evt)
    {
        evt.Source = SourceKind.Ual;
        evt.Time = r.Time;
        evt.TenantId = r.OrganizationId?.ToLowerInvariant();
        evt.Category = r.Workload ?? UalCodes.RecordTypeName(r.RecordType);
        evt.Operation = r.Operation;
        SetOutcome(evt.Outcome, r);
        UalActorMapper.Map(evt.Actor, r);
        SetNetwork(evt.Network, r);
        SetAuth(evt.Auth, r);
        var owner = r.MailboxOwnerUpn?.ToLowerInvariant();
        var guid = r.MailboxGuid?.ToLowerInvariant();
        // MailItemsAccessed and AttachmentAccess describe the access in OperationProperties, not a change.
        var accessType = NameValues.Find(r.OperationProperties, "MailAccessType") ?? NameValues.Find(r.OperationProperties, "AttachmentAccessType");
        SetTargets(evt, r, accessType is not null ? [] : r.OperationProperties, owner, guid);
        if (r.MailFolders is not null) evt.Mail = MailAccessReader.Create(r, owner, guid, accessType);
        return evt;
    }

    private static void SetOutcome(Outcome outcome, UalRecord r)
    {
        var status = r.ResultStatus;
        outcome.Status = StatusOf(status);
        var error = r.ErrorNumber;
        outcome.Code = error is not null && error != "0" ? error : status;
        outcome.Reason = r.LogonError ?? NameValues.Find(r.ExtendedProperties, "ResultStatusDetail");
    }

    private static OutcomeStatus StatusOf(string? status)
    {
        if (status is null) return OutcomeStatus.Unknown;
        var text = status.AsSpan().Trim();
        // ASCII compares ignoring case exactly as lower-casing would; other text takes the lower-casing path.
        if (!System.Text.Ascii.IsValid(text)) text = status.Trim().ToLowerInvariant();
        if (Is(text, "succeeded") || Is(text, "success") || Is(text, "true") || Is(text, "partiallysucceeded")) return OutcomeStatus.Success;
        if (Is(text, "failed") || Is(text, "failure") || Is(text, "false")) return OutcomeStatus.Failure;
        return OutcomeStatus.Unknown;

        static bool Is(ReadOnlySpan<char> text, string word) => text.Equals(word, StringComparison.OrdinalIgnoreCase);
    }

    private static void SetNetwork(Network network, UalRecord r)
    {
        network.Ip = IpAddresses.Strip(r.ClientIp);
        var clientInfo = r.ClientInfoString;
        network.UserAgent = r.UserAgent ?? NameValues.Find(r.ExtendedProperties, "UserAgent") ?? clientInfo;
        if (clientInfo is not null) network.ClientApp = KnownClientFamily(clientInfo);
    }

    // The families of the client info strings seen last, by reference: the single-pass reader hands out one string per
    // distinct ClientInfoString (Utf8StringCache), and cutting the family out of it anew made a string per record.
    [ThreadStatic] private static (string Info, string? Family)[]? t_families;

    private static string? KnownClientFamily(string clientInfo)
    {
        var families = t_families ??= new (string, string?)[64];
        ref var entry = ref families[RuntimeHelpers.GetHashCode(clientInfo) & (families.Length - 1)];
        if (ReferenceEquals(entry.Info, clientInfo)) return entry.Family;
        var family = ClientFamily(clientInfo);
        entry = (clientInfo, family);
        return family;
    }

    /// <summary>The client family in a ClientInfoString: the text after the first <c>Client=</c> that has any, up to <c>;</c>.</summary>
    internal static string? ClientFamily(string clientInfo)
    {
        for (var at = clientInfo.IndexOf("Client=", StringComparison.Ordinal); at >= 0; at = clientInfo.IndexOf("Client=", at + 1, StringComparison.Ordinal))
        {
            var start = at + "Client=".Length;
            var end = clientInfo.IndexOf(';', start);
            if (end < 0) end = clientInfo.Length;
            if (end > start) return clientInfo[start..end];
        }
        return null;
    }

    private static void SetAuth(Authentication auth, UalRecord r)
    {
        auth.SessionId = r.SessionId;
        auth.UniqueTokenId = r.UniqueTokenId;
        auth.CorrelationId = r.CorrelationId;
        foreach (var p in r.ModifiedProperties)
        {
            if (p.NewValue is not null && KeyIdentifier().Match(p.NewValue) is { Success: true } key)
            {
                auth.CredentialKeyId = key.Groups[1].Value.ToLowerInvariant();
                break;
            }
        }
    }

    /// <summary>
    /// The object acted on, carrying what changed: ModifiedProperties, the cmdlet Parameters of Exchange admin
    /// records (ForwardTo, DeleteMessage, AccessRights, Role...) and the OperationProperties of item operations such
    /// as UpdateInboxRules, each as Name -> NewValue. A mailbox record also targets the mailbox.
    /// </summary>
    private static void SetTargets(AuditEvent evt, UalRecord r, IReadOnlyList<ModifiedProperty> operationProperties, string? owner, string? guid)
    {
        Target? primary = null;
        if (r.Target is { } entity)
            primary = new Target { Kind = entity.Kind ?? "Other", Id = entity.ObjectId, Name = entity.Upn ?? entity.Name };
        else if (r.ObjectId is { } objectId)
            primary = new Target { Kind = r.ItemType ?? "Other", Id = objectId, Name = objectId };

        if (primary is null && (r.ModifiedProperties.Count > 0 || r.Parameters.Count > 0 || operationProperties.Count > 0)) primary = new Target { Kind = "Other" };
        if (primary is not null)
        {
            primary.ModifiedProperties.AddRange(r.ModifiedProperties);
            primary.ModifiedProperties.AddRange(r.Parameters);
            primary.ModifiedProperties.AddRange(operationProperties);
            evt.Targets.Add(primary);
        }

        if (owner is not null || guid is not null) evt.Targets.Add(new Target { Kind = "Mailbox", Id = guid, Name = owner });
    }

    [GeneratedRegex(@"KeyIdentifier=([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdentifier();
}
