using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Daybreak.Bench;

/// <summary>
/// Writes the benchmark inputs: an NDJSON file of Azure Monitor diagnostic sign-in records (the nested shape Entra
/// exports, 4-6 KB each, with authentication details and Conditional Access policy lists) and an NDJSON file of
/// UAL MailItemsAccessed records. Seeded, so every run measures the same bytes.
/// </summary>
internal static class BenchData
{
    public const long BytesAt1x = 200L * 1024 * 1024;

    // Part of the file names, so a change to what is generated makes new files instead of reusing old ones. Generation 2:
    // one object id per user and one mailbox per owner (generation 1 drew a new one for every record).
    private const int Generation = 2;

    public static string SignIns(string dir, int scale) => Ensure(Path.Combine(dir, $"signins-{scale}x.g{Generation}.json"), BytesAt1x * scale, WriteSignIn);

    public static string Ual(string dir, int scale) => Ensure(Path.Combine(dir, $"ual-{scale}x.g{Generation}.json"), BytesAt1x * scale / 4, WriteUal);

    private static string Ensure(string path, long bytes, Action<Utf8JsonWriter, Random, long> write)
    {
        if (File.Exists(path) && new FileInfo(path).Length >= bytes) return path;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var random = new Random(20231130);
        using var file = new FileStream(path + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(16 * 1024);
        long i = 0;
        while (file.Length < bytes)
        {
            buffer.ResetWrittenCount();
            using (var w = new Utf8JsonWriter(buffer)) write(w, random, i++);
            file.Write(buffer.WrittenSpan);
            file.WriteByte((byte)'\n');
        }
        file.Close();
        File.Move(path + ".tmp", path, overwrite: true);
        return path;
    }

    private static readonly string[] Apps = ["Office 365 Exchange Online", "Microsoft Teams", "Azure Portal", "OfficeHome", "Microsoft Office", "SharePoint Online Web Client"];
    private static readonly string[] Cities = ["Seattle", "London", "Berlin", "Paris", "Sydney", "Toronto", "Lagos", "Tokyo"];
    private static readonly int[] Errors = [0, 0, 0, 0, 0, 0, 0, 50126, 50140, 50074, 500121, 50053];

    private static string Guid(Random r) => new System.Guid(r.NextInt64().ToString("x16") + r.NextInt64().ToString("x16")).ToString();

    private static string UserId(int user) => new System.Guid(user, 0x5e1f, 0x4d2a, 0x9b, 0x1c, 0x3e, 0x7d, 0x00, 0x42, 0xa5, 0x10).ToString();

    private static string Ip(Random r) => $"{r.Next(1, 223)}.{r.Next(256)}.{r.Next(256)}.{r.Next(1, 255)}";

    private static void WriteSignIn(Utf8JsonWriter w, Random r, long i)
    {
        var time = new DateTime(2023, 11, 20, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i * 0.7);
        var user = r.Next(20000);
        var upn = $"user{user}@contoso.com";
        var ip = Ip(r);
        var error = Errors[r.Next(Errors.Length)];
        var tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        var category = r.Next(4) == 0 ? "SignInLogs" : "NonInteractiveUserSignInLogs";
        w.WriteStartObject();
        w.WriteString("time", time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        w.WriteString("resourceId", $"/tenants/{tenant}/providers/Microsoft.aadiam");
        w.WriteString("operationName", "Sign-in activity");
        w.WriteString("operationVersion", "1.0");
        w.WriteString("category", category);
        w.WriteString("tenantId", tenant);
        w.WriteString("resultType", error.ToString(CultureInfo.InvariantCulture));
        w.WriteString("resultSignature", "None");
        w.WriteString("resultDescription", error == 0 ? "" : "Invalid username or password or Invalid on-premise username or password.");
        w.WriteNumber("durationMs", 0);
        w.WriteString("callerIpAddress", ip);
        w.WriteString("correlationId", Guid(r));
        w.WriteString("identity", $"User {user}");
        w.WriteString("Level", "4");
        w.WriteString("location", "US");
        w.WriteStartObject("properties");
        w.WriteString("id", Guid(r));
        w.WriteString("createdDateTime", time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'+00:00'", CultureInfo.InvariantCulture));
        w.WriteString("userDisplayName", $"User {user}");
        w.WriteString("userPrincipalName", upn);
        // One object id per user, as in a real tenant (a random id per record made every sign-in a new identity to the
        // detections); the random draws stay so every other field keeps the bytes it had.
        _ = Guid(r);
        w.WriteString("userId", UserId(user));
        w.WriteString("appId", "00000002-0000-0ff1-ce00-000000000000");
        w.WriteString("appDisplayName", Apps[r.Next(Apps.Length)]);
        w.WriteString("ipAddress", ip);
        w.WriteString("clientAppUsed", "Browser");
        w.WriteString("userAgent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36 Edg/119.0.0.0");
        w.WriteString("correlationId", Guid(r));
        w.WriteString("conditionalAccessStatus", r.Next(3) switch { 0 => "success", 1 => "notApplied", _ => "failure" });
        w.WriteString("originalRequestId", Guid(r));
        w.WriteBoolean("isInteractive", category == "SignInLogs");
        w.WriteString("tokenIssuerName", "");
        w.WriteString("tokenIssuerType", "AzureAD");
        w.WriteString("authenticationProtocol", "none");
        w.WriteString("authenticationRequirement", r.Next(5) == 0 ? "singleFactorAuthentication" : "multiFactorAuthentication");
        w.WriteString("uniqueTokenIdentifier", Convert.ToBase64String(BitConverter.GetBytes(r.NextInt64())).TrimEnd('='));
        w.WriteString("sessionId", Guid(r));
        w.WriteNumber("processingTimeInMilliseconds", r.Next(20, 400));
        w.WriteString("riskDetail", "none");
        w.WriteString("riskLevelAggregated", "none");
        w.WriteString("riskLevelDuringSignIn", "none");
        w.WriteString("riskState", "none");
        w.WriteNumber("autonomousSystemNumber", r.Next(1, 64000));
        w.WriteStartObject("status");
        w.WriteNumber("errorCode", error);
        if (error != 0) w.WriteString("failureReason", "Invalid username or password or Invalid on-premise username or password.");
        w.WriteEndObject();
        w.WriteStartObject("deviceDetail");
        w.WriteString("deviceId", "");
        w.WriteString("displayName", "");
        w.WriteString("operatingSystem", "Windows10");
        w.WriteString("browser", "Edge 119.0.0");
        w.WriteEndObject();
        w.WriteStartObject("location");
        var city = Cities[r.Next(Cities.Length)];
        w.WriteString("city", city);
        w.WriteString("state", city);
        w.WriteString("countryOrRegion", "US");
        w.WriteStartObject("geoCoordinates");
        w.WriteNumber("latitude", Math.Round(r.NextDouble() * 180 - 90, 5));
        w.WriteNumber("longitude", Math.Round(r.NextDouble() * 360 - 180, 5));
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("authenticationDetails");
        for (var k = 0; k < 2; k++)
        {
            w.WriteStartObject();
            w.WriteString("authenticationStepDateTime", time.ToString("o", CultureInfo.InvariantCulture));
            w.WriteString("authenticationMethod", k == 0 ? "Password" : "Mobile app notification");
            w.WriteString("authenticationMethodDetail", k == 0 ? "Password Hash Sync" : "");
            w.WriteBoolean("succeeded", error == 0);
            w.WriteString("authenticationStepResultDetail", error == 0 ? "MFA successfully completed" : "Invalid username or password");
            w.WriteString("authenticationStepRequirement", "Primary authentication");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("conditionalAccessPolicies");
        var policies = r.Next(6, 12);
        for (var k = 0; k < policies; k++)
        {
            w.WriteStartObject();
            w.WriteString("id", Guid(r));
            w.WriteString("displayName", $"CA{k:000} - Require MFA for all users except break-glass accounts");
            w.WriteStartArray("enforcedGrantControls");
            w.WriteStringValue("Mfa");
            w.WriteEndArray();
            w.WriteStartArray("enforcedSessionControls");
            w.WriteEndArray();
            w.WriteString("result", k % 3 == 0 ? "success" : "notEnabled");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("networkLocationDetails");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteUal(Utf8JsonWriter w, Random r, long i)
    {
        var time = new DateTime(2023, 11, 20, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i * 2.1);
        var ownerNumber = r.Next(20000);
        var owner = $"user{ownerNumber}@contoso.com";
        w.WriteStartObject();
        w.WriteString("CreationTime", time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        w.WriteString("Id", Guid(r));
        w.WriteString("Operation", "MailItemsAccessed");
        w.WriteString("OrganizationId", "72f988bf-86f1-41af-91ab-2d7cd011db47");
        w.WriteNumber("RecordType", 50);
        w.WriteString("ResultStatus", "Succeeded");
        w.WriteString("UserKey", "10037FFE8A6B4B26");
        w.WriteNumber("UserType", 0);
        w.WriteNumber("Version", 1);
        w.WriteString("Workload", "Exchange");
        w.WriteString("ClientIP", Ip(r));
        w.WriteString("UserId", owner);
        w.WriteString("AppId", "00000002-0000-0ff1-ce00-000000000000");
        w.WriteString("ClientAppId", "");
        w.WriteString("ClientIPAddress", Ip(r));
        w.WriteString("ClientInfoString", "Client=OWA;Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36;");
        w.WriteString("ExternalAccess", "false");
        w.WriteString("InternalLogonType", "0");
        w.WriteNumber("LogonType", 0);
        // The owner reads their own mailbox: one SID and one mailbox GUID per user, as in a real tenant (the random draws
        // stay so every other field keeps the bytes it had).
        var sid = "S-1-5-21-1234567890-1234567890-1234567890-" + (100000 + ownerNumber);
        _ = r.Next(100000);
        w.WriteString("LogonUserSid", sid);
        _ = Guid(r);
        w.WriteString("MailboxGuid", UserId(ownerNumber));
        _ = r.Next(100000);
        w.WriteString("MailboxOwnerSid", sid);
        w.WriteString("MailboxOwnerUPN", owner);
        w.WriteStartArray("OperationProperties");
        w.WriteStartObject(); w.WriteString("Name", "MailAccessType"); w.WriteString("Value", r.Next(10) == 0 ? "Sync" : "Bind"); w.WriteEndObject();
        w.WriteStartObject(); w.WriteString("Name", "IsThrottled"); w.WriteString("Value", "False"); w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("OrganizationName", "contoso.onmicrosoft.com");
        w.WriteString("OriginatingServer", "BY5PR11MB4228 (15.20.7002.027)");
        w.WriteNumber("OperationCount", r.Next(1, 6));
        w.WriteStartArray("Folders");
        w.WriteStartObject();
        w.WriteString("Id", "LgAAAAAdhAMRqmYRzZvIAKoAL8RaDQB" + r.Next(1000000));
        w.WriteString("Path", r.Next(3) == 0 ? "\\Sent Items" : "\\Inbox");
        w.WriteStartArray("FolderItems");
        var n = r.Next(1, 5);
        for (var k = 0; k < n; k++)
        {
            w.WriteStartObject();
            w.WriteString("InternetMessageId", $"<{Guid(r)}@BY5PR11MB4228.namprd11.prod.outlook.com>");
            w.WriteNumber("SizeInBytes", r.Next(2000, 400000));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
