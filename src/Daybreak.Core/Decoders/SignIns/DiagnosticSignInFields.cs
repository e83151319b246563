using System.Text.Json;

namespace Daybreak.Decoders.SignIns;

/// <summary>
/// The fields <see cref="SignInNormaliser"/> reads from an Azure Monitor diagnostic sign-in, collected in one
/// Utf8JsonReader pass by <see cref="DiagnosticSignInReader"/>. Each known name has a slot; a slot holds a scalar
/// as the JsonElement accessors would see it (string unescaped, number as written).
/// </summary>
internal sealed class DiagnosticSignInFields
{
    // Envelope (root) fields.
    public const int Category = 0, Properties = 1, Time = 2, TimeGenerated = 3, TenantId = 4, ResultType = 5,
        ResultDescription = 6, CallerIpAddress = 7, RootLocation = 8, RootCorrelationId = 9;

    // Fields of the Graph signIn in properties.
    public const int Id = 10, CreatedDateTime = 11, ResourceTenantId = 12, HomeTenantId = 13, Status = 14, AppId = 15,
        UserId = 16, UserPrincipalName = 17, UserDisplayName = 18, ServicePrincipalId = 19, ServicePrincipalName = 20,
        AppDisplayName = 21, IpAddress = 22, Location = 23, LocationDetails = 24, AutonomousSystemNumber = 25,
        UserAgent = 26, ClientAppUsed = 27, AuthenticationRequirement = 28, ConditionalAccessStatus = 29,
        IsInteractive = 30, TokenIssuerType = 31, AuthenticationProtocol = 32, CorrelationId = 33, SessionId = 34,
        UniqueTokenIdentifier = 35, ServicePrincipalCredentialKeyId = 36, ResourceDisplayName = 37,
        ResourceIdentity = 38, ResourceId = 39;

    // Nested objects: status, location, LocationDetails.
    public const int ErrorCode = 40, FailureReason = 41, LocationCountry = 42, LocationCity = 43,
        DetailsCountry = 44, DetailsCity = 45;

    public const int Count = 46;

    /// <summary>
    /// Slots whose values repeat from record to record (tenant, app, client, user agent, outcome, place): their strings
    /// come from <see cref="Utf8StringCache"/>. Ids and times are unique per record and stay out of it, or the table's
    /// keys would only be garbage that lives long.
    /// </summary>
    public static readonly bool[] Repeats = Slots(Category, TenantId, ResultType, ResultDescription, RootLocation,
        ResourceTenantId, HomeTenantId, AppId, AppDisplayName, UserAgent, ClientAppUsed, AuthenticationRequirement,
        ConditionalAccessStatus, TokenIssuerType, AuthenticationProtocol, ResourceDisplayName, ResourceIdentity, ResourceId,
        ErrorCode, FailureReason, LocationCountry, LocationCity, DetailsCountry, DetailsCity);

    private static bool[] Slots(params int[] slots)
    {
        var flags = new bool[Count];
        foreach (var slot in slots) flags[slot] = true;
        return flags;
    }

    /// <summary>Names a reader must not meet at the root: they make the record an envelope, a UAL record or a batch.</summary>
    public static readonly string[] RootRefusals =
    [
        "o365audit", "AuditData", "RawEventData", "event", "Operation", "RecordType", "CreationTime", "Workload",
        "OfficeWorkload", "ActionType", "ActivityType", "ReportId", "Application", "value", "records", "events",
    ];

    /// <summary>Names in properties that this path does not handle (the general path does).</summary>
    public static readonly string[] PropertiesRefusals = ["signInEventTypes"];

    public static readonly NameSet Root = new(RootRefusals,
    [
        ("category", Category), ("properties", Properties), ("time", Time), ("TimeGenerated", TimeGenerated),
        ("tenantId", TenantId), ("resultType", ResultType), ("resultDescription", ResultDescription),
        ("callerIpAddress", CallerIpAddress), ("location", RootLocation), ("correlationId", RootCorrelationId),
    ]);

    public static readonly NameSet SignIn = new(PropertiesRefusals,
    [
        ("id", Id), ("createdDateTime", CreatedDateTime), ("resourceTenantId", ResourceTenantId),
        ("homeTenantId", HomeTenantId), ("status", Status), ("appId", AppId), ("userId", UserId),
        ("userPrincipalName", UserPrincipalName), ("userDisplayName", UserDisplayName),
        ("servicePrincipalId", ServicePrincipalId), ("servicePrincipalName", ServicePrincipalName),
        ("appDisplayName", AppDisplayName), ("ipAddress", IpAddress), ("location", Location),
        ("LocationDetails", LocationDetails), ("autonomousSystemNumber", AutonomousSystemNumber),
        ("userAgent", UserAgent), ("clientAppUsed", ClientAppUsed), ("authenticationRequirement", AuthenticationRequirement),
        ("conditionalAccessStatus", ConditionalAccessStatus), ("isInteractive", IsInteractive),
        ("tokenIssuerType", TokenIssuerType), ("authenticationProtocol", AuthenticationProtocol),
        ("correlationId", CorrelationId), ("sessionId", SessionId), ("uniqueTokenIdentifier", UniqueTokenIdentifier),
        ("servicePrincipalCredentialKeyId", ServicePrincipalCredentialKeyId), ("resourceDisplayName", ResourceDisplayName),
        ("resourceIdentity", ResourceIdentity), ("resourceId", ResourceId),
    ]);

    public static readonly NameSet StatusFields = new([], [("errorCode", ErrorCode), ("failureReason", FailureReason)]);
    public static readonly NameSet LocationFields = new([], [("countryOrRegion", LocationCountry), ("city", LocationCity)]);
    public static readonly NameSet DetailsFields = new([], [("countryOrRegion", DetailsCountry), ("city", DetailsCity)]);

    /// <summary>
    /// The names one object may hold, bucketed by length and first letter (case folded): most properties of a sign-in
    /// are none of them, and a name is compared only with the few known or refused names of its bucket.
    /// </summary>
    public sealed class NameSet
    {
        public const int Unknown = -1, Refused = -2;

        /// <summary>The <see cref="Match"/> context of an object's first name.</summary>
        public const int Start = -1;

        private readonly (string Name, int Entry)[][] _buckets = new (string, int)[64 * 32][];
        private readonly byte[][] _names;
        private readonly int[] _slots;   // per entry: its slot, or -1 for a refusal
        // Per entry (and for an object's start, at 0): the index + 1 of the known name that followed it last time, 0 for
        // none. A sign-in's properties come in one order, so one comparison usually finds the next known name. Shared by
        // the decoding threads: a stale guess only costs the bucket lookup.
        private readonly int[] _next;

        public NameSet(string[] refusals, (string Name, int Slot)[] known)
        {
            // Known names first in each bucket, then refusals (slot -1), as a linear scan would meet them.
            var all = known.Concat(refusals.Select(r => (Name: r, Slot: -1))).ToArray();
            // A name exactly as written is then the answer however it is found (see Match).
            if (all.DistinctBy(e => e.Name, StringComparer.OrdinalIgnoreCase).Count() != all.Length)
                throw new ArgumentException("names of one object must differ other than in case", nameof(known));
            _names = [.. all.Select(e => System.Text.Encoding.ASCII.GetBytes(e.Name))];
            _slots = [.. all.Select(e => e.Slot)];
            _next = new int[all.Length + 1];
            for (var i = 0; i < all.Length; i++)
            {
                ref var bucket = ref _buckets[Key(all[i].Name.Length, (byte)all[i].Name[0])];
                bucket = [.. bucket ?? [], (all[i].Name, i)];
            }
        }

        /// <summary>
        /// The slot of an exactly matching known name; <see cref="Refused"/> for a known or refused name in another case
        /// or a refused name; <see cref="Unknown"/> otherwise. The known name that followed the object's previous one
        /// (<paramref name="context"/>, <see cref="Start"/> before the first) last time is tried first; a known name
        /// moves the context on.
        /// </summary>
        public int Match(ReadOnlySpan<byte> name, ref int context)
        {
            var guess = _next[context + 1] - 1;
            if (guess >= 0 && name.SequenceEqual(_names[guess]))
            {
                context = guess;
                return _slots[guess];
            }
            if (name.IsEmpty || _buckets[Key(name.Length, name[0])] is not { } candidates) return Unknown;
            foreach (var (n, entry) in candidates)
            {
                if (n.Length != name.Length || !System.Text.Ascii.EqualsIgnoreCase(name, n)) continue;
                if (_slots[entry] < 0 || !System.Text.Ascii.Equals(name, n)) return Refused;
                _next[context + 1] = entry + 1;
                context = entry;
                return _slots[entry];
            }
            return Unknown;
        }

        private static int Key(int length, byte first) => Math.Min(length, 63) * 32 + ((first | 0x20) & 31);
    }

    private readonly Value[] _values = new Value[Count];

    public void Clear() => Array.Clear(_values);

    public ref Value this[int slot] => ref _values[slot];

    /// <summary>
    /// One scalar as read. <see cref="Kind"/> is None when absent; null values count as absent, as in JsonFields.
    /// Objects are only <see cref="Seen"/> (their fields have slots of their own).
    /// </summary>
    public struct Value
    {
        public JsonTokenType Kind;
        public bool Seen;
        public string? Text;
        public long? Int64;
        public int? Int32;

        public readonly bool Present => Kind is not (JsonTokenType.None or JsonTokenType.Null);
    }
}
