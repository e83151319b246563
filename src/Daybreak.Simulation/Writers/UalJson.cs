using System.Text.Json;
using Daybreak.Simulation.Records;

namespace Daybreak.Simulation.Writers;

/// <summary>Unified Audit Log records as the Office 365 Management Activity API returns them.</summary>
internal static class UalJson
{
    public static void Object(Utf8JsonWriter w, UalRecord r)
    {
        w.WriteStartObject();
        JsonText.Time(w, "CreationTime", r.Time, JsonText.Ual);
        w.WriteString("Id", r.Id);
        w.WriteString("Operation", r.Operation);
        w.WriteString("OrganizationId", r.Tenant.Id);
        w.WriteNumber("RecordType", r.RecordType);
        w.WriteString("ResultStatus", r.ResultStatus);
        w.WriteString("UserKey", r.UserKey);
        w.WriteNumber("UserType", r.UserType);
        w.WriteNumber("Version", 1);
        w.WriteString("Workload", "Exchange");
        w.WriteString("ClientIP", r.ClientIp);
        w.WriteString("UserId", r.UserId);
        if (r.RecordType == 50) MailItems(w, r);
        else Admin(w, r);
        w.WriteEndObject();
    }

    private static void MailItems(Utf8JsonWriter w, UalRecord r)
    {
        var owner = r.MailboxOwner!;
        var mb = owner.Mailbox!;
        if (r.AppId is { } appId) w.WriteString("AppId", appId);
        if (r.ClientAppId is { } clientAppId) w.WriteString("ClientAppId", clientAppId);
        w.WriteStartObject("AppAccessContext");
        if (r.ClientAppId is { } c) w.WriteString("ClientAppId", c);
        if (r.TokenIssuedAt is { } iat) JsonText.Time(w, "IssuedAtTime", iat, JsonText.Ual);
        if (r.UniqueTokenId is { } tok) w.WriteString("UniqueTokenId", tok);
        if (r.SessionId is { } s) w.WriteString("AADSessionId", s);
        w.WriteEndObject();
        w.WriteString("ClientIPAddress", r.ClientIp);
        w.WriteString("ClientInfoString", r.ClientInfoString);
        w.WriteBoolean("ExternalAccess", false);
        w.WriteNumber("InternalLogonType", 0);
        w.WriteNumber("LogonType", r.LogonType);
        w.WriteString("LogonUserSid", r.Actor?.Mailbox?.Sid ?? mb.Sid);
        w.WriteString("MailboxGuid", mb.Guid);
        w.WriteString("MailboxOwnerSid", mb.Sid);
        w.WriteString("MailboxOwnerUPN", owner.UserPrincipalName);
        w.WriteString("OrganizationName", r.Tenant.InitialDomain);
        w.WriteString("OriginatingServer", $"{mb.Server} (15.20.7181.020)\r\n");
        w.WriteString("TokenTenantId", r.Tenant.Id);
        if (r.TokenObjectId is { } oid) w.WriteString("TokenObjectId", oid);
        if (r.SessionId is { } sid) w.WriteString("SessionId", sid);
        w.WriteNumber("OperationCount", r.OperationCount);
        w.WritePropertyName("OperationProperties");
        OperationProperties(w, r);
        w.WritePropertyName("Folders");
        Folders(w, r);
    }

    public static void OperationProperties(Utf8JsonWriter w, UalRecord r)
    {
        w.WriteStartArray();
        w.WriteStartObject();
        w.WriteString("Name", "MailAccessType");
        w.WriteString("Value", r.MailAccessType);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("Name", "IsThrottled");
        w.WriteString("Value", r.IsThrottled ? "True" : "False");
        w.WriteEndObject();
        w.WriteEndArray();
    }

    public static void Folders(Utf8JsonWriter w, UalRecord r)
    {
        w.WriteStartArray();
        foreach (var f in r.Folders)
        {
            w.WriteStartObject();
            w.WriteString("Id", f.Folder.Id);
            w.WriteString("Path", f.Folder.Path);
            if (f.Items.Count > 0)
            {
                w.WriteStartArray("FolderItems");
                foreach (var m in f.Items)
                {
                    w.WriteStartObject();
                    w.WriteString("Id", m.ItemId);
                    w.WriteString("InternetMessageId", m.InternetMessageId);
                    w.WriteNumber("SizeInBytes", m.SizeInBytes);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Admin(Utf8JsonWriter w, UalRecord r)
    {
        w.WriteString("ObjectId", r.ObjectId);
        w.WritePropertyName("Parameters");
        Parameters(w, r);
        w.WriteBoolean("ExternalAccess", false);
        w.WriteString("OrganizationName", r.Tenant.InitialDomain);
        w.WriteString("OriginatingServer", "BY5PR04MB6918 (15.20.7181.020)");
        if (r.SessionId is { } sid) w.WriteString("SessionId", sid);
    }

    public static void Parameters(Utf8JsonWriter w, UalRecord r)
    {
        w.WriteStartArray();
        foreach (var (k, v) in r.Parameters)
        {
            w.WriteStartObject();
            w.WriteString("Name", k);
            w.WriteString("Value", v);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
