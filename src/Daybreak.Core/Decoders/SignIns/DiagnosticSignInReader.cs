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
                    if (F.Repeats[slot]) value.Text = Utf8StringCache.ForThread.GetString(ref reader, Utf8StringCache.LongValueBytes);
                    else Place(ref value, ref reader);
                    break;
                case JsonTokenType.Number:
                    if (F.Repeats[slot]) value.Text = Utf8StringCache.ForThread.GetText(reader.ValueSpan);
                    else Place(ref value, ref reader);
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
                // A string the capture refuses leaves every path unsure; the decoder reads on (its own fields decide).
                if (capture.Claim(child)) capture.FoundString(child, reader.QuotedSpan, start - 1, reader.ValueIsEscaped);
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

    /// <summary>Keeps where the current string or number is, to be made text if the event asks (<see cref="Slots.Text"/>).</summary>
    private static void Place(ref F.Value value, ref JsonLineReader reader)
    {
        value.Start = reader.ValueStart;
        value.Length = reader.ValueSpan.Length;
        value.Escaped = reader.ValueIsEscaped;
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
    private static AuditEvent? Build(F fields, ReadOnlySpan<byte> utf8, RawArena? arena, JsonFieldCapture? capture)
    {
        var f = new Slots(fields, utf8);
        if (fields[F.Category].Kind != JsonTokenType.String || fields[F.Properties].Kind != JsonTokenType.StartObject) return null;
        var category = SignInCategories.FromDiagnostic(fields[F.Category].Text!);
        if (category is null) return null;
        // With an id, the raw record stays the bytes it was read as (the store writes them as they are, Sigma parses
        // them in place); only a record without one needs its text, for the content hash.
        var id = f.Text(F.Id);
        var evt = string.IsNullOrWhiteSpace(id)
            ? new AuditEvent { RecordId = "", Format = SignInFormats.Diagnostic, Raw = Encoding.UTF8.GetString(utf8) }
            : new AuditEvent(RecordIds.FromSourceId(SourceKind.SignIn, id), SignInFormats.Diagnostic, utf8, arena,
                capture is null ? default : capture.AnswerBytes, capture?.Plan);
        if (evt.RecordId.Length == 0) evt.RecordId = RecordIds.FromContent(SourceKind.SignIn, evt.Raw);
        evt.Source = SourceKind.SignIn;
        evt.Category = category;
        evt.Operation = "Sign-in";
        evt.Time = f.Time(F.CreatedDateTime) ?? f.Time(F.Time) ?? f.Time(F.TimeGenerated) ?? throw new BailException();
        evt.TenantId = f.Text(F.TenantId) ?? f.Text(F.ResourceTenantId) ?? f.Text(F.HomeTenantId);

        var outcome = evt.Outcome;
        outcome.Code = f.Code(F.ErrorCode) ?? f.Code(F.ResultType);
        outcome.Status = outcome.Code is null ? OutcomeStatus.Unknown : outcome.Code == "0" ? OutcomeStatus.Success : OutcomeStatus.Failure;
        if (outcome.Status == OutcomeStatus.Failure) outcome.Reason = f.Text(F.FailureReason) ?? f.Text(F.ResultDescription);

        var actor = evt.Actor;
        actor.Kind = SignInCategories.ActorKind(category);
        actor.AppId = f.Text(F.AppId);
        if (actor.Kind == ActorKind.User)
        {
            actor.ObjectId = f.Text(F.UserId);
            actor.Upn = f.Text(F.UserPrincipalName)?.Trim().ToLowerInvariant();
            actor.DisplayName = f.Text(F.UserDisplayName);
        }
        else
        {
            actor.ObjectId = f.Text(F.ServicePrincipalId);
            actor.DisplayName = f.Text(F.ServicePrincipalName) ?? f.Text(F.AppDisplayName);
        }

        var network = evt.Network;
        network.Ip = EntraFields.Ip(f.Text(F.IpAddress) ?? f.Text(F.CallerIpAddress));
        network.Country = f.Str(F.LocationCountry) ?? f.Str(F.DetailsCountry);
        if (network.Country is null && f.Str(F.RootLocation) is { Length: 2 } code) network.Country = code;
        network.City = f.Str(F.LocationCity) ?? f.Str(F.DetailsCity);
        network.Asn = f.Long(F.AutonomousSystemNumber);
        network.UserAgent = f.Text(F.UserAgent);
        network.ClientApp = f.Text(F.ClientAppUsed);

        var auth = evt.Auth;
        auth.Requirement = f.Text(F.AuthenticationRequirement);
        auth.ConditionalAccessStatus = f.Text(F.ConditionalAccessStatus);
        auth.IsInteractive = f.Bool(F.IsInteractive);
        auth.TokenIssuerType = f.Text(F.TokenIssuerType);
        auth.Protocol = f.Text(F.AuthenticationProtocol);
        auth.SignInType = SignInCategories.SignInType(category);
        auth.CorrelationId = f.Text(F.CorrelationId) ?? f.Text(F.RootCorrelationId);
        auth.SessionId = f.Text(F.SessionId);
        auth.UniqueTokenId = f.Text(F.UniqueTokenIdentifier);
        auth.SignInActivityId = f.Text(F.Id);
        auth.CredentialKeyId = f.Text(F.ServicePrincipalCredentialKeyId);

        var resourceName = f.Text(F.ResourceDisplayName);
        var resourceId = f.Text(F.ResourceIdentity) ?? (f.Text(F.ResourceId) is { } rid && !rid.StartsWith('/') ? rid : null);
        if (resourceName is not null || resourceId is not null)
            evt.Targets.Add(new Target { Kind = "Application", Id = resourceId, Name = resourceName });
        return evt;
    }

    /// <summary>The slots of one record read, over the record's bytes: what a slot holds as a place is made text here,
    /// as <see cref="JsonLineReader.GetString"/> would have made it (invalid UTF-8 throws, and the general path reads
    /// the record).</summary>
    private readonly ref struct Slots(F fields, ReadOnlySpan<byte> utf8)
    {
        private readonly ReadOnlySpan<byte> _utf8 = utf8;

        /// <summary>As <see cref="EntraFields.Text"/>: blank strings count as absent.</summary>
        public string? Text(int slot)
        {
            ref var v = ref fields[slot];
            return v.Kind switch
            {
                JsonTokenType.String => string.IsNullOrWhiteSpace(TextOf(ref v)) ? null : TextOf(ref v),
                JsonTokenType.Number => TextOf(ref v),
                JsonTokenType.True => "true",
                JsonTokenType.False => "false",
                _ => null,
            };
        }

        /// <summary>As <see cref="JsonFields.Str"/>: only empty strings count as absent.</summary>
        public string? Str(int slot)
        {
            ref var v = ref fields[slot];
            return v.Kind switch
            {
                JsonTokenType.String or JsonTokenType.Number => string.IsNullOrEmpty(TextOf(ref v)) ? null : TextOf(ref v),
                JsonTokenType.True => "true",
                JsonTokenType.False => "false",
                _ => null,
            };
        }

        /// <summary>As <see cref="EntraFields.Code"/>; what it would reject goes to the general path.</summary>
        public string? Code(int slot)
        {
            ref var v = ref fields[slot];
            switch (v.Kind)
            {
                case JsonTokenType.Number:
                    return v.Int64 is { } n ? n.ToString(CultureInfo.InvariantCulture) : throw new BailException();
                case JsonTokenType.String:
                    var text = TextOf(ref v)?.Trim();
                    return string.IsNullOrEmpty(text) ? null : text;
                case JsonTokenType.True or JsonTokenType.False:
                    throw new BailException();
                default:
                    return null;
            }
        }

        /// <summary>As <see cref="EntraFields.Time"/> for ISO and locale times; anything else goes to the general path.</summary>
        public DateTime? Time(int slot)
        {
            ref var v = ref fields[slot];
            if (!v.Present) return null;
            if (v.Kind != JsonTokenType.String) throw new BailException();
            // The usual form straight from the bytes (what the text would parse to: Timestamps reads it so either way).
            if (v.Text is null && !v.Escaped && Timestamps.TryParseIsoUtf8(_utf8.Slice(v.Start, v.Length), out var iso)) return iso;
            if (string.IsNullOrWhiteSpace(TextOf(ref v))) return null;
            return Timestamps.TryParse(TextOf(ref v), out var utc) ? utc : throw new BailException();
        }

        public long? Long(int slot)
        {
            ref var v = ref fields[slot];
            if (v.Kind == JsonTokenType.Number) return v.Int64;
            if (v.Kind == JsonTokenType.String && long.TryParse(TextOf(ref v), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
            return null;
        }

        public bool? Bool(int slot)
        {
            ref var v = ref fields[slot];
            return v.Kind switch
            {
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                JsonTokenType.String when bool.TryParse(TextOf(ref v)?.Trim(), out var b) => b,
                JsonTokenType.Number when v.Int32 is { } i => i != 0,
                _ => null,
            };
        }

        private string? TextOf(ref F.Value v) => v.Text ??= v.Kind switch
        {
            JsonTokenType.String => JsonLineReader.StringAt(_utf8, v.Start, v.Length, v.Escaped),
            JsonTokenType.Number => Encoding.UTF8.GetString(_utf8.Slice(v.Start, v.Length)),
            _ => null,
        };
    }

    /// <summary>Leaves the fast path for the general one; rare by construction.</summary>
    private sealed class BailException : Exception;
}
