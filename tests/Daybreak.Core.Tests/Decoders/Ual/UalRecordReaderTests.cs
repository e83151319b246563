using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Daybreak.Decoders;
using Daybreak.Decoders.Ual;
using Daybreak.Sources;

namespace Daybreak.Tests.Decoders.Ual;

/// <summary>
/// The single-pass UAL reader must give exactly the event the general path gives, or decline the record. Each case
/// is one NDJSON line (a fixture record or a variant of one), read both ways.
/// </summary>
public sealed class UalRecordReaderTests
{
    private static List<JsonObject> FixtureRecords()
    {
        var array = JsonNode.Parse(File.ReadAllText(UalDecode.Fixture("mgmt-api-array.json")))!.AsArray().Select(r => r!.AsObject());
        var lines = File.ReadAllLines(UalDecode.Fixture("mgmt-api.ndjson")).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject());
        return array.Concat(lines).ToList();
    }

    public static TheoryData<string> Variants()
    {
        var data = new TheoryData<string>();
        foreach (var line in Lines()) data.Add(line);
        return data;
    }

    private static List<string> Lines()
    {
        var data = new List<string>();
        foreach (var record in FixtureRecords())
        {
            data.Add(record.ToJsonString());
            foreach (var change in Changes) data.Add(change(record.DeepClone().AsObject()).ToJsonString());
        }
        var line = FixtureRecords()[0].ToJsonString();
        data.Add(line.Replace("\"Operation\"", "\"Oper\\u0061tion\""));
        data.Add(line.Replace("\"UserId\":", "\"UserId\":\"dup@contoso.example\",\"UserId\":"));
        data.Add(line.Replace("\"UserId\":", "\"UserId\":null,\"UserId\":"));
        data.Add(line + " {}");
        data.Add("{\"value\":[" + line + "]}");
        data.Add("[" + line + "]");
        data.Add(line.Replace("\"Workload\":", "/* note */ \"Workload\":"));
        data.Add(line.Replace("\"Id\":", "\"Item\":{\"Id\":\"x\"},\"Id\":"));
        // Ids as raw UTF-8 (the serializer above escapes what is not ASCII): the bytes path declines, the text path decides.
        data.Add(System.Text.RegularExpressions.Regex.Replace(line, "\"Id\":\"[^\"]*\"", "\"Id\":\" Ünïcode-ID \""));
        data.Add(System.Text.RegularExpressions.Regex.Replace(line, "\"Id\":\"[^\"]*\"", "\"Id\":\"\u00a0\u00a0\""));
        data.AddRange(IdVariants(line));
        data.Add(line.Replace("m1@", "\\ud83d\\ude00@").Replace("m2@", "\\ud800@")); // a lone surrogate: declined, read leniently
        return data;
    }

    /// <summary>
    /// Message and folder ids are kept as UTF-8 where they can be (as written, or unescaped when the escapes stand for
    /// ASCII, as .NET writes &lt; and &gt;), and read as text otherwise; only the first client address field present is
    /// made text. Every one of these lines is the fast path's, and must give the general path's event.
    /// </summary>
    private static string[] IdVariants(string line) =>
    [
        line.Replace("\\u003C", "<").Replace("\\u003E", ">"),
        line.Replace("m1@", "caf\u00e9@").Replace("\"LgAAAAB1\"", "\"LgAAAAB1-\u00e9\""),
        line.Replace("m1@", "caf\\u00E9@").Replace("\"LgAAAAB1\"", "\"LgAAAAB\\u0031\""),
        line.Replace("m1@", "q\\\"uote\\/slash\\\\back@").Replace("m2@", "tab\\there@"),
        line.Replace("\"InternetMessageId\":\"\\u003Cm1@contoso.example\\u003E\"", "\"InternetMessageId\":\"\""),
        line.Replace("\"InternetMessageId\":\"\\u003Cm1@contoso.example\\u003E\"", "\"InternetMessageId\":42"),
        line.Replace("\"ClientIPAddress\":", "\"ClientIP\":\"192.0.2.\\u0037\",\"ClientIPAddress\":"),
        line.Replace("\"ClientIPAddress\":\"", "\"ActorIpAddress\":\"198.51.100.9\",\"Client_IPAddress\":\"\\u0032"),
        line.Replace("\"ClientIPAddress\":\"[2001:db8:5::17]:443\"", "\"ClientIPAddress\":\"\",\"ClientIP\":\"203.0.113.4:80\""),
    ];

    private static readonly Func<JsonObject, JsonObject>[] Changes =
    [
        r => Rename(r, "Operation", "operation"),
        r => Rename(r, "Id", "ID"),
        r => { r["Id"] = ""; r["OfficeId"] = "0f0f0f0f-0000-4000-8000-000000000001"; return r; },
        r => { r.Remove("Id"); return r; },
        // The record id is made from the Id's bytes when they are plain ASCII, else from its text: both must agree.
        r => { r["Id"] = "  0F0F0F0F-ABCD-4000-8000-00000000000A  "; return r; },
        r => { r["Id"] = "   "; return r; },
        r => { r["Id"] = "\u00a0id-with-nbsp\u00a0"; return r; },
        r => { r["Id"] = "Ünïcode-ID"; return r; },
        r => { r["Id"] = "ID\twith\ttabs"; return r; },
        r => { r["Id"] = new string('A', 300); return r; },
        r => { r["Id"] = 12345; return r; },
        r => { r["CreationTime"] = 5; return r; },
        r => { r["CreationTime"] = "not a time"; return r; },
        r => { r["CreationTime"] = "2024-01-12T03:04:05.1234567+02:00"; return r; },
        r => { r["CreationTime"] = "1/12/2024 3:04:05 AM"; return r; },
        r => { r.Remove("CreationTime"); r["TimeGenerated"] = "2024-01-12T03:04:05Z"; return r; },
        r => { r["Operation"] = 7; return r; },
        r => { r["Operation"] = ""; return r; },
        r => { r["Operation"] = null; return r; },
        r => { r["RecordType"] = "50"; r["UserType"] = "Application"; return r; },
        r => { r["RecordType"] = 999; r["UserType"] = 5; r["UserKey"] = "C1A5E2D7-9F3B-4E61-8A2D-0B7C6E5F4A31"; return r; },
        r => { r["Workload"] = ""; r["OfficeWorkload"] = "Exchange"; return r; },
        r => { r["Workload"] = "SharePoint"; r.Remove("MailboxGuid"); r.Remove("MailboxOwnerUPN"); return r; },
        r => { r["MailboxGuid"] = ""; r["MailboxOwnerUPN"] = null; return r; },
        r => { r["Folders"] = r["Folders"]?.ToJsonString(); return r; },
        r => { r["Folders"] = 3; return r; },
        r => { r["Folders"] = null; return r; },
        r => { r["Folders"] = new JsonArray("@{Id=LgAAAAB1; Path=\\Inbox; FolderItems=System.Object[]}"); return r; },
        r => { r["Folders"] = new JsonArray(new JsonObject { ["Id"] = "", ["Path"] = "\\Inbox", ["FolderItems"] = new JsonArray(7, new JsonObject { ["internetMessageId"] = "<x@y>" }) }); return r; },
        r => { r["Folders"] = new JsonArray(new JsonObject { ["Path"] = 5, ["FolderItems"] = new JsonArray(new JsonObject { ["SizeInBytes"] = "1024.0", ["InternetMessageId"] = "" }, new JsonObject { ["SizeInBytes"] = true }) }); return r; },
        r => { r["Folders"] = new JsonArray(new JsonObject { ["Path"] = "\\Inbox", ["FolderItems"] = "[]" }); return r; },
        // Sizes a double does not hold exactly, and numbers that are no integer: read as the general path rounds them.
        r => { r["Folders"] = JsonNode.Parse("[{\"Path\":\"\\\\Inbox\",\"FolderItems\":[{\"SizeInBytes\":9007199254740993},{\"SizeInBytes\":-9007199254740993},{\"SizeInBytes\":9223372036854775807},{\"SizeInBytes\":1e3},{\"SizeInBytes\":1.5},{\"SizeInBytes\":-0},{\"SizeInBytes\":1e400}]}]"); return r; },
        r => { r["Folders"] = new JsonArray(new JsonObject { ["Path"] = "\\Inbox", ["FolderItems"] = new JsonArray(new JsonObject { ["SizeInBytes"] = new JsonObject() }) }); return r; },
        r => { r["OperationProperties"] = r["OperationProperties"]?.ToJsonString() ?? "[]"; return r; },
        r => { r["OperationProperties"] = new JsonArray(new JsonObject { ["name"] = "MailAccessType", ["Value"] = "Bind" }); return r; },
        r => { r["OperationProperties"] = new JsonArray("@{Name=MailAccessType; Value=Sync}", "IsThrottled", 5, new JsonArray()); return r; },
        r => { r["OperationProperties"] = new JsonArray(new JsonObject { ["Key"] = "MailAccessType", ["Value"] = 1, ["OldValue"] = false }, new JsonObject { ["Value"] = "orphan" }); return r; },
        r => { r["OperationProperties"] = new JsonArray(new JsonObject { ["Name"] = "", ["Key"] = "IsThrottled", ["NewValue"] = "True", ["Value"] = "False" }); return r; },
        r => { r["Parameters"] = "-Identity \"ceo\" -ForwardTo \"drop@evil.example\""; return r; },
        r => { r["Parameters"] = new JsonArray(new JsonObject { ["Name"] = "ForwardTo", ["Value"] = new JsonArray("a") }); return r; },
        r => { r["ModifiedProperties"] = new JsonArray(new JsonObject { ["Name"] = "KeyDescription", ["NewValue"] = "[KeyIdentifier=0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0]", ["OldValue"] = "[]" }); return r; },
        r => { r["ExtendedProperties"] = new JsonArray(new JsonObject { ["Name"] = "UserAgent", ["Value"] = "curl/8" }, new JsonObject { ["Name"] = "ResultStatusDetail", ["Value"] = "Redirect" }); r["ResultStatus"] = "Failed"; return r; },
        r => { r["AppAccessContext"] = "{\"ClientAppId\":\"x\"}"; return r; },
        r => { r["AppAccessContext"] = new JsonObject { ["ClientAppId"] = "D3590ED6-52B3-4102-AEFF-AAD2292AB01C", ["AADSessionId"] = "s", ["UniqueTokenId"] = "t", ["IssuedAtTime"] = "2024-01-12T03:00:00" }; r["ClientAppId"] = ""; return r; },
        r => { r["AppAccessContext"] = new JsonObject { ["clientAppId"] = "x" }; return r; },
        r => { r["AppAccessContext"] = null; r["SessionId"] = "sess"; return r; },
        r => { r["ClientIPAddress"] = ""; r["ClientIP"] = "[2001:db8::1]:443"; return r; },
        r => { r["ClientIPAddress"] = "::ffff:203.0.113.9"; return r; },
        r => { r["ClientIP"] = new JsonObject(); return r; },
        r => { r["UserId"] = "NT AUTHORITY\\SYSTEM (w3wp)"; r["UserType"] = 2; return r; },
        r => { r["Actor"] = new JsonArray(new JsonObject { ["ID"] = "User_6f1d2c3b-4a59-4e87-b6c5-d4e3f2a1b0c9", ["Type"] = 2 }, new JsonObject { ["Id"] = "Legacy.Admin@contoso.example", ["Type"] = 5 }, "x", new JsonArray()); return r; },
        r => { r["Actor"] = new JsonArray(new JsonObject { ["id"] = "User_6f1d2c3b-4a59-4e87-b6c5-d4e3f2a1b0c9" }); return r; },
        r => { r["Actor"] = "[{\"ID\":\"a@b\",\"Type\":5}]"; return r; },
        r => { r["Target"] = new JsonArray(new JsonObject { ["ID"] = "ServicePrincipal_9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d", ["Type"] = 2 }, new JsonObject { ["ID"] = "11b49e19-2326-4be6-93cb-7f37439bbd81", ["Type"] = 2 }, new JsonObject { ["ID"] = "Legacy Test App", ["Type"] = 1 }); return r; },
        r => { r.Remove("Target"); r["AADTarget"] = new JsonArray(new JsonObject { ["ID"] = "", ["Id"] = "b@contoso.example", ["Type"] = "UPN" }); return r; },
        r => { r["ObjectId"] = ""; r["OfficeObjectId"] = "https://contoso.sharepoint.com/x.docx"; r["ItemType"] = "File"; return r; },
        r => { r["OperationCount"] = "2.0"; return r; },
        r => { r["OperationCount"] = new JsonObject(); return r; },
        r => { r["OperationCount"] = -4; r["ErrorNumber"] = "0"; r["LogonError"] = "InvalidPassword"; return r; },
        r => { r["Type"] = "SigninLogs"; return r; },
        r => { r["AuditData"] = "{}"; return r; },
        r => { r["ActionType"] = "MailItemsAccessed"; return r; },
        r => { r["properties"] = new JsonObject(); return r; },
    ];

    private static JsonObject Rename(JsonObject r, string from, string to)
    {
        if (r[from] is { } value) { r.Remove(from); r[to] = value.DeepClone(); }
        return r;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Reads_a_record_as_the_general_path_does_or_declines_it(string line)
    {
        var fast = UalRecordReader.TryRead(Encoding.UTF8.GetBytes(line));
        if (fast is null) return; // declined: the general path reads it, whatever it makes of it
        var general = General(line);
        Assert.True(general.Event is not null, general.Rejection?.Reason);
        fast.Position = general.Event!.Position;
        Assert.Equal(JsonSerializer.Serialize(general.Event), JsonSerializer.Serialize(fast));
    }

    [Fact]
    public void Reads_the_plain_fixture_records_itself()
    {
        // Guards the test above against passing because the reader declines everything: only the item operations
        // (Item, AffectedItems) are the general path's.
        var read = FixtureRecords().Where(r => UalRecordReader.TryRead(Encoding.UTF8.GetBytes(r.ToJsonString())) is not null).Select(r => (string)r["Operation"]!);
        Assert.Equal(["MailItemsAccessed", "Add service principal credentials.", "New-InboxRule", "Set-Mailbox", "Add-MailboxPermission", "New-ManagementRoleAssignment", "UpdateInboxRules"], read);
    }

    [Fact]
    public void Keeps_message_and_folder_ids_as_their_utf8_and_makes_the_same_text_of_them()
    {
        var line = FixtureRecords()[0].ToJsonString(); // the message ids as .NET writes them: \u003Cm1@...\u003E
        Assert.Contains("\\u003Cm1@", line);
        var folder = UalRecordReader.TryRead(Encoding.UTF8.GetBytes(line))!.Mail!.Folders[0];
        Assert.Equal("LgAAAAB1"u8.ToArray(), folder.IdUtf8().ToArray());
        Assert.Equal("<m1@contoso.example>"u8.ToArray(), folder.Items[0].InternetMessageIdUtf8().ToArray());
        Assert.Equal(["<m1@contoso.example>", "<m2@contoso.example>"], folder.Items.Select(i => i.InternetMessageId));
        Assert.Equal("LgAAAAB1", folder.Id);

        // An escape that stands for more than ASCII is left to the text path.
        var other = UalRecordReader.TryRead(Encoding.UTF8.GetBytes(line.Replace("m1@", "caf\\u00E9@")))!.Mail!.Folders[0].Items[0];
        Assert.True(other.InternetMessageIdUtf8().IsEmpty);
        Assert.Equal("<caf\u00e9@contoso.example>", other.InternetMessageId);
    }

    [Fact]
    public void A_record_with_megabytes_of_ids_is_kept_whole_and_its_buffer_given_back()
    {
        var longId = "<" + new string('x', 3 << 20) + "@contoso.example>";
        var line = FixtureRecords()[0].ToJsonString().Replace("\\u003Cm1@contoso.example\\u003E", longId);
        var evt = UalRecordReader.TryRead(Encoding.UTF8.GetBytes(line))!;
        Assert.Equal(longId, evt.Mail!.Folders[0].Items[0].InternetMessageId);
        Assert.Equal(longId.Length, evt.Mail.Folders[0].Items[0].InternetMessageIdUtf8().Length);

        var texts = new Utf8Texts();
        var reader = new JsonLineReader(Encoding.UTF8.GetBytes("\"" + longId + "\""));
        Assert.True(reader.Read());
        Assert.Equal(0, texts.Keep(ref reader));
        Assert.True(texts.Capacity > 1 << 20);
        texts.Clear();
        Assert.True(texts.Capacity <= 1 << 20);
    }

    [Fact]
    public void The_id_and_address_variants_are_read_by_the_fast_path()
    {
        var line = FixtureRecords()[0].ToJsonString();
        Assert.All(IdVariants(line), l => Assert.NotNull(UalRecordReader.TryRead(Encoding.UTF8.GetBytes(l))));
    }

    [Fact]
    public void Most_variants_are_read_by_the_fast_path()
    {
        var lines = Lines();
        var read = lines.Count(l => UalRecordReader.TryRead(Encoding.UTF8.GetBytes(l)) is not null);
        Assert.InRange(read, lines.Count / 3, lines.Count - 1);
    }

    [Fact]
    public void Ndjson_of_management_api_records_is_read_by_the_fast_path_with_the_same_events()
    {
        using var dir = new TempDir();
        var path = dir.Write("ual.ndjson", string.Join("\n", FixtureRecords().Select(r => r.ToJsonString())) + "\n");

        var fast = new FileDecoder(NormaliserRegistry.CreateDefault(), new DecodeOptions()).Decode(new InputSource(path)).Select(r => r.Event!).ToList();
        var general = new FileDecoder(new NormaliserRegistry(NormaliserRegistry.CreateDefault().Normalisers), new DecodeOptions())
            .Decode(new InputSource(path)).Select(r => r.Event!).ToList();

        Assert.Equal(9, fast.Count);
        Assert.Equal(general.Select(e => JsonSerializer.Serialize(e)), fast.Select(e => JsonSerializer.Serialize(e)));
    }

    /// <summary>The general path alone: a registry that is not the default one gets no fast reader.</summary>
    private static DecodeResult General(string line)
    {
        using var dir = new TempDir();
        var path = dir.File("one.ndjson");
        File.WriteAllText(path, line + "\n");
        var registry = new NormaliserRegistry(NormaliserRegistry.CreateDefault().Normalisers);
        return new FileDecoder(registry, new DecodeOptions()).Decode(new InputSource(path)).Single();
    }
}
