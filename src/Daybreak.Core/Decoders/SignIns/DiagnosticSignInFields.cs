using System.Text.Json;

namespace Daybreak.Decoders.SignIns;

/// <summary>
/// The fields <see cref="SignInNormaliser"/> reads from an Azure Monitor diagnostic sign-in, collected in one
/// <see cref="JsonLineReader"/> pass by <see cref="DiagnosticSignInReader"/>. Each known name has a slot; a slot holds a scalar
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

    public static readonly FieldNames Root = new(
    [
        ("category", Category), ("properties", Properties), ("time", Time), ("TimeGenerated", TimeGenerated),
        ("tenantId", TenantId), ("resultType", ResultType), ("resultDescription", ResultDescription),
        ("callerIpAddress", CallerIpAddress), ("location", RootLocation), ("correlationId", RootCorrelationId),
    ], RootRefusals);

    public static readonly FieldNames SignIn = new(
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
    ], PropertiesRefusals);

    public static readonly FieldNames StatusFields = new([("errorCode", ErrorCode), ("failureReason", FailureReason)], []);
    public static readonly FieldNames LocationFields = new([("countryOrRegion", LocationCountry), ("city", LocationCity)], []);
    public static readonly FieldNames DetailsFields = new([("countryOrRegion", DetailsCountry), ("city", DetailsCity)], []);

    private readonly Value[] _values = new Value[Count];

    public void Clear() => Array.Clear(_values);

    public ref Value this[int slot] => ref _values[slot];

    /// <summary>
    /// One scalar as read. <see cref="Kind"/> is None when absent; null values count as absent, as in JsonFields.
    /// Objects are only <see cref="Seen"/> (their fields have slots of their own). A string or number that does not
    /// repeat is kept as its place in the record (<see cref="Start"/>, <see cref="Length"/>) and made text only when
    /// the event asks for it: times parse from the bytes, and a field the event does not take (the envelope's copy of
    /// an IP or correlation id, a second time) is never made at all.
    /// </summary>
    public struct Value
    {
        public JsonTokenType Kind;
        public bool Seen;
        public string? Text;
        public long? Int64;
        public int? Int32;
        public int Start, Length;   // a string's bytes without quotes, a number's as written
        public bool Escaped;

        public readonly bool Present => Kind is not (JsonTokenType.None or JsonTokenType.Null);
    }
}
