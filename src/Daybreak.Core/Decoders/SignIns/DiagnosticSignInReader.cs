using System.Globalization;
using System.Text;
using System.Text.Json;
using Daybreak.Decoders.Entra;
using Daybreak.Events;
using Daybreak.Rules.Sigma;
using F = Daybreak.Decoders.SignIns.DiagnosticSignInFields;

namespace Daybreak.Decoders.SignIns;

/// <summary>
/// The hot path for the biggest export there is: NDJSON diagnostic sign-ins. One <see cref="JsonLineReader"/> pass collects the
/// fields <see cref="SignInNormaliser"/> reads, without building a JsonDocument, and the event is built from them by
/// the same rules. Anything this path is not sure to read exactly as the general path would (a name in another
/// case, a duplicate, an escaped name, a value of an unexpected type, an envelope, a batch, an unreadable time)
/// returns null, and the record goes the general way: the two paths give identical events (a test checks it).
/// <para>
/// Given a plan of raw paths (<see cref="PrereadFields"/>), the same pass also finds them as
/// <see cref="JsonFieldCapture"/> would (its steps, in the same order), descending into the objects the plan enters
/// that the decoder itself passes over, and the answers go beside the event's raw bytes: a hunt's community Sigma rules
/// then never read the record again (a tenth of a hunt's CPU). A test holds the answers to the capture's, path by path.
/// </para>
/// </summary>
internal static class DiagnosticSignInReader
{
    [ThreadStatic] private static F? t_fields;
    [ThreadStatic] private static JsonFieldCapture? t_capture;

    /// <summary>The normalised event, or null when the general path must read this record. Its raw bytes are copied into
    /// <paramref name="arena"/> when there is one, with what was found for <paramref name="preread"/>'s paths.</summary>
    public static AuditEvent? TryRead(ReadOnlySpan<byte> utf8, RawArena? arena = null, JsonFieldPlan? preread = null)
    {
        var fields = t_fields ??= new F();
        fields.Clear();
        var capture = preread is null ? null : t_capture ??= new JsonFieldCapture();
        capture?.Start(preread!, default);
        try
        {
            // Comments, trailing commas and nesting past 64 make the reader throw, so such a line is declined and the
            // general path (which allows all three) reads it.
            var reader = new JsonLineReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            if (!ReadObject(ref reader, fields, F.Root, preread?.Root, capture)) return null;
            if (reader.Read()) return null; // trailing content: the general path reports it
            return Build(fields, utf8, arena, capture);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or BailException)
        {
            return null;
        }
    }

    /// <summary>Reads an object's fields into <paramref name="fields"/> by <paramref name="names"/>, and the paths of
    /// <paramref name="plan"/> (when there is one) into <paramref name="capture"/>; false when the general path must read
    /// the record.</summary>
    private static bool ReadObject(ref JsonLineReader reader, F fields, FieldNames names, JsonFieldPlan.Node? plan, JsonFieldCapture? capture)
    {
        var context = FieldNames.Start;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject) return true;
            if (reader.ValueIsEscaped) return false;
            var planned = plan is null ? null : capture!.Name(plan, reader.ValueSpan);
            var slot = names.Match(reader.ValueSpan, ref context);
            if (slot == FieldNames.Refused || !reader.Read()) return false;
            if (slot == FieldNames.Unknown)
            {
                if (planned is null) reader.Skip();
                else Preread(ref reader, planned, capture!);
                continue;
            }
            ref var value = ref fields[slot];
            if (value.Seen) return false; // duplicate: JsonDocument would take the last one
            value.Seen = true;
            value.Kind = reader.TokenType;
            var nested = Nested(slot);
            if (nested is not null)
            {
                // These must be objects (or null): JSON written inside a string is the general path's job.
                if (reader.TokenType == JsonTokenType.Null)
                {
                    if (planned is not null) Preread(ref reader, planned, capture!);
                    continue;
                }
                if (reader.TokenType != JsonTokenType.StartObject) return false;
                var start = reader.ValueStart;
                var into = planned is not null && capture!.Claim(planned) ? planned : null;
                if (!ReadObject(ref reader, fields, nested, into is { Children.Count: > 0 } ? into : null, capture)) return false;
                if (into is not null) capture!.SetEnds(into, JsonTokenType.StartObject, start, reader.ValueStart + 1 - start);
                continue;
            }
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    // User agents run to a few hundred bytes and repeat as much as any field.
                    value.Text = F.Repeats[slot] ? Utf8StringCache.ForThread.GetString(ref reader, maxBytes: 512) : reader.GetString();
                    break;
                case JsonTokenType.Number:
                    value.Text = F.Repeats[slot] ? Utf8StringCache.ForThread.GetText(reader.ValueSpan) : Encoding.UTF8.GetString(reader.ValueSpan);
                    value.Int64 = reader.TryGetInt64(out var l) ? l : null;
                    value.Int32 = reader.TryGetInt32(out var i) ? i : null;
                    break;
                case JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                    break;
                default:
                    return false; // an object or array where text is expected: the general path rejects it
            }
            if (planned is not null) Preread(ref reader, planned, capture!);
        }
        return false;
    }

    /// <summary>
    /// <see cref="JsonFieldCapture"/>'s reading of a value at a planned <paramref name="child"/> (the reader on the value's
    /// first token; past its end after): the value's place for the paths that end there, unsure marks where the capture
    /// makes them, objects the plan enters read for their planned names.
    /// </summary>
    private static void Preread(ref JsonLineReader reader, JsonFieldPlan.Node child, JsonFieldCapture capture)
    {
        var start = reader.ValueStart;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                if (!capture.Claim(child)) reader.Skip();
                else
                {
                    if (child.Children.Count > 0) PrereadObject(ref reader, child, capture);
                    else reader.Skip();
                    capture.SetEnds(child, JsonTokenType.StartObject, start, reader.ValueStart + 1 - start);
                }
                return;
            case JsonTokenType.StartArray:
                reader.Skip();
                if (capture.Claim(child)) capture.FoundArray(child, start, reader.ValueStart + 1 - start);
                return;
            case JsonTokenType.String:
                if (!capture.Claim(child)) return;
                // An escape that is no character (a lone surrogate): the parsed record refuses the whole record.
                if (reader.ValueIsEscaped && (child.End >= 0 || child.TextEnd >= 0) && !JsonText.TryUnescape(reader.QuotedSpan, out _)) capture.Refuse();
                capture.FoundString(child, start, reader.ValueSpan.Length, reader.ValueIsEscaped);
                return;
            default:
                if (capture.Claim(child)) capture.SetEnds(child, reader.TokenType, start, reader.ValueSpan.Length);
                return;
        }
    }

    /// <summary>An object no decoder field is in, read for <paramref name="node"/>'s planned names (the reader on its
    /// start; on its end after).</summary>
    private static void PrereadObject(ref JsonLineReader reader, JsonFieldPlan.Node node, JsonFieldCapture capture)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            JsonFieldPlan.Node? child = null;
            if (reader.ValueIsEscaped) capture.EscapedName(node);
            else child = capture.Name(node, reader.ValueSpan);
            reader.Read();
            if (child is null) reader.Skip();
            else Preread(ref reader, child, capture);
        }
    }

    private static FieldNames? Nested(int slot) => slot switch
    {
        F.Properties => F.SignIn,
        F.Status => F.StatusFields,
        F.Location => F.LocationFields,
        F.LocationDetails => F.DetailsFields,
        _ => null,
    };

    /// <summary><see cref="SignInNormaliser.Normalise"/> for a diagnostic record, field for field.</summary>
    private static AuditEvent? Build(F f, ReadOnlySpan<byte> utf8, RawArena? arena, JsonFieldCapture? capture)
    {
        if (f[F.Category].Kind != JsonTokenType.String || f[F.Properties].Kind != JsonTokenType.StartObject) return null;
        var category = SignInCategories.FromDiagnostic(f[F.Category].Text!);
        if (category is null) return null;
        // With an id, the raw record stays the bytes it was read as (the store writes them as they are, Sigma parses
        // them in place); only a record without one needs its text, for the content hash.
        var id = Text(f, F.Id);
        var evt = string.IsNullOrWhiteSpace(id)
            ? new AuditEvent { RecordId = "", Format = SignInFormats.Diagnostic, Raw = Encoding.UTF8.GetString(utf8) }
            : new AuditEvent(RecordIds.FromSourceId(SourceKind.SignIn, id), SignInFormats.Diagnostic, utf8, arena,
                capture is null ? default : capture.AnswerBytes, capture?.Plan);
        if (evt.RecordId.Length == 0) evt.RecordId = RecordIds.FromContent(SourceKind.SignIn, evt.Raw);
        evt.Source = SourceKind.SignIn;
        evt.Category = category;
        evt.Operation = "Sign-in";
        evt.Time = Time(f, F.CreatedDateTime) ?? Time(f, F.Time) ?? Time(f, F.TimeGenerated) ?? throw new BailException();
        evt.TenantId = Text(f, F.TenantId) ?? Text(f, F.ResourceTenantId) ?? Text(f, F.HomeTenantId);

        var outcome = evt.Outcome;
        outcome.Code = Code(f, F.ErrorCode) ?? Code(f, F.ResultType);
        outcome.Status = outcome.Code is null ? OutcomeStatus.Unknown : outcome.Code == "0" ? OutcomeStatus.Success : OutcomeStatus.Failure;
        if (outcome.Status == OutcomeStatus.Failure) outcome.Reason = Text(f, F.FailureReason) ?? Text(f, F.ResultDescription);

        var actor = evt.Actor;
        actor.Kind = SignInCategories.ActorKind(category);
        actor.AppId = Text(f, F.AppId);
        if (actor.Kind == ActorKind.User)
        {
            actor.ObjectId = Text(f, F.UserId);
            actor.Upn = Text(f, F.UserPrincipalName)?.Trim().ToLowerInvariant();
            actor.DisplayName = Text(f, F.UserDisplayName);
        }
        else
        {
            actor.ObjectId = Text(f, F.ServicePrincipalId);
            actor.DisplayName = Text(f, F.ServicePrincipalName) ?? Text(f, F.AppDisplayName);
        }

        var network = evt.Network;
        network.Ip = EntraFields.Ip(Text(f, F.IpAddress) ?? Text(f, F.CallerIpAddress));
        network.Country = Str(f, F.LocationCountry) ?? Str(f, F.DetailsCountry);
        if (network.Country is null && Str(f, F.RootLocation) is { Length: 2 } code) network.Country = code;
        network.City = Str(f, F.LocationCity) ?? Str(f, F.DetailsCity);
        network.Asn = Long(f, F.AutonomousSystemNumber);
        network.UserAgent = Text(f, F.UserAgent);
        network.ClientApp = Text(f, F.ClientAppUsed);

        var auth = evt.Auth;
        auth.Requirement = Text(f, F.AuthenticationRequirement);
        auth.ConditionalAccessStatus = Text(f, F.ConditionalAccessStatus);
        auth.IsInteractive = Bool(f, F.IsInteractive);
        auth.TokenIssuerType = Text(f, F.TokenIssuerType);
        auth.Protocol = Text(f, F.AuthenticationProtocol);
        auth.SignInType = SignInCategories.SignInType(category);
        auth.CorrelationId = Text(f, F.CorrelationId) ?? Text(f, F.RootCorrelationId);
        auth.SessionId = Text(f, F.SessionId);
        auth.UniqueTokenId = Text(f, F.UniqueTokenIdentifier);
        auth.SignInActivityId = Text(f, F.Id);
        auth.CredentialKeyId = Text(f, F.ServicePrincipalCredentialKeyId);

        var resourceName = Text(f, F.ResourceDisplayName);
        var resourceId = Text(f, F.ResourceIdentity) ?? (Text(f, F.ResourceId) is { } rid && !rid.StartsWith('/') ? rid : null);
        if (resourceName is not null || resourceId is not null)
            evt.Targets.Add(new Target { Kind = "Application", Id = resourceId, Name = resourceName });
        return evt;
    }

    /// <summary>As <see cref="EntraFields.Text"/>: blank strings count as absent.</summary>
    private static string? Text(F f, int slot)
    {
        ref var v = ref f[slot];
        return v.Kind switch
        {
            JsonTokenType.String => string.IsNullOrWhiteSpace(v.Text) ? null : v.Text,
            JsonTokenType.Number => v.Text,
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            _ => null,
        };
    }

    /// <summary>As <see cref="JsonFields.Str"/>: only empty strings count as absent.</summary>
    private static string? Str(F f, int slot)
    {
        ref var v = ref f[slot];
        return v.Kind switch
        {
            JsonTokenType.String or JsonTokenType.Number => string.IsNullOrEmpty(v.Text) ? null : v.Text,
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            _ => null,
        };
    }

    /// <summary>As <see cref="EntraFields.Code"/>; what it would reject goes to the general path.</summary>
    private static string? Code(F f, int slot)
    {
        ref var v = ref f[slot];
        switch (v.Kind)
        {
            case JsonTokenType.Number:
                return v.Int64 is { } n ? n.ToString(CultureInfo.InvariantCulture) : throw new BailException();
            case JsonTokenType.String:
                var text = v.Text?.Trim();
                return string.IsNullOrEmpty(text) ? null : text;
            case JsonTokenType.True or JsonTokenType.False:
                throw new BailException();
            default:
                return null;
        }
    }

    /// <summary>As <see cref="EntraFields.Time"/> for ISO and locale times; anything else goes to the general path.</summary>
    private static DateTime? Time(F f, int slot)
    {
        ref var v = ref f[slot];
        if (!v.Present) return null;
        if (v.Kind != JsonTokenType.String) throw new BailException();
        if (string.IsNullOrWhiteSpace(v.Text)) return null;
        return Timestamps.TryParse(v.Text, out var utc) ? utc : throw new BailException();
    }

    private static long? Long(F f, int slot)
    {
        ref var v = ref f[slot];
        if (v.Kind == JsonTokenType.Number) return v.Int64;
        if (v.Kind == JsonTokenType.String && long.TryParse(v.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        return null;
    }

    private static bool? Bool(F f, int slot)
    {
        ref var v = ref f[slot];
        return v.Kind switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.String when bool.TryParse(v.Text?.Trim(), out var b) => b,
            JsonTokenType.Number when v.Int32 is { } i => i != 0,
            _ => null,
        };
    }

    /// <summary>Leaves the fast path for the general one; rare by construction.</summary>
    private sealed class BailException : Exception;
}
