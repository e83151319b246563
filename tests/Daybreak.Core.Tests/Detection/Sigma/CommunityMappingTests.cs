using Daybreak.Detection.Sigma;
using Daybreak.Events;
using Daybreak.Rules.Sigma;

namespace Daybreak.Tests.Detection.Sigma;

/// <summary>
/// One logical event, exported in several variants, must match the same SigmaHQ rule (the rule texts are SigmaHQ's,
/// trimmed to id, logsource and detection), and a near-miss of it in the same variants must not.
/// </summary>
public sealed class CommunityMappingTests
{
    private const string CredentialAdded = """
        title: Added Credentials to Existing Application
        id: cbb67ecc-fb70-4467-9350-c910bdf7c628
        logsource: { product: azure, service: auditlogs }
        detection:
          selection:
            properties.message:
              - Update application – Certificates and secrets management
              - Update Service principal/Update Application
          condition: selection
        """;

    private const string EndUserConsent = """
        title: End User Consent
        id: 9b2cc4c4-2ad4-416d-8e8e-ee6aa6f5035a
        logsource: { product: azure, service: auditlogs }
        detection:
          selection:
            ConsentContext.IsAdminConsent: 'false'
          condition: selection
        """;

    private const string AppRoleAdded = """
        title: App Assigned To Azure RBAC/Microsoft Entra Role
        id: b04934b2-0a68-4845-8a19-bdfed3a68a7a
        logsource: { product: azure, service: auditlogs }
        detection:
          selection:
            targetResources.type: Service Principal
            properties.message:
              - Add member to role
              - Add eligible member to role
              - Add scoped member to role
          condition: selection
        """;

    private const string MfaDenied = """
        title: Multifactor Authentication Denied
        id: e40f4962-b02b-4192-9bfe-245f7ece1f99
        logsource: { product: azure, service: signinlogs }
        detection:
          selection:
            AuthenticationRequirement: 'multiFactorAuthentication'
            Status|contains: 'MFA Denied'
          condition: selection
        """;

    private const string AccountLockout = """
        title: Account Lockout
        id: 2b7d6fc0-71ac-4cf7-8ed1-b5788ee5257a
        logsource: { product: azure, service: signinlogs }
        detection:
          selection:
            ResultType: 50053
          condition: selection
        """;

    private const string SingleFactor = """
        title: Azure AD Only Single Factor Authentication Required
        id: 28eea407-28d7-4e42-b0be-575d5ba60b2c
        logsource: { product: azure, service: signinlogs }
        detection:
          selection:
            AuthenticationRequirement: 'singleFactorAuthentication'
            Status: 'Success'
          condition: selection
        """;

    private const string InboxRule = """
        title: Inbox Rules Creation Or Update Activity in O365
        id: 6e93a6a9-1a4b-4a3c-9e0d-6f1b7a1e2c3d
        logsource: { product: m365, service: audit }
        detection:
          selection:
            Operation: [New-InboxRule, Set-InboxRule]
            Parameters|contains: [DeleteMessage, MarkAsRead, MoveToFolder, SubjectOrBodyContainsWords]
          condition: selection
        """;

    private const string ForwardingAlert = """
        title: Suspicious Inbox Forwarding
        id: 6c220477-0b5b-4b25-bb90-66183b4089e8
        logsource: { product: m365, service: threat_management }
        detection:
          selection:
            eventSource: SecurityComplianceCenter
            eventName: 'Suspicious inbox forwarding'
            status: success
          condition: selection
        """;

    private const string UnlikelyTravel = """
        title: Atypical Travel
        id: 1a41023f-1e70-4026-921a-4d9341a9038e
        logsource: { product: azure, service: riskdetection }
        detection:
          selection:
            riskEventType: 'unlikelyTravel'
          condition: selection
        """;

    public static TheoryData<string, string, string, string, bool> Cases() => new()
    {
        // rule, variant file name, record text, expected format, expected match
        { CredentialAdded, "a.json", Audit.Graph("Update application – Certificates and secrets management "), "audit.graph", true },
        { CredentialAdded, "a.json", Audit.Diagnostic("Update application – Certificates and secrets management "), "audit.diagnostic", true },
        { CredentialAdded, "a.json", Audit.LogAnalytics("Update application – Certificates and secrets management "), "audit.loganalytics", true },
        { CredentialAdded, "a.json", Audit.Graph("Update application"), "audit.graph", false },
        { CredentialAdded, "a.json", Audit.LogAnalytics("Update application"), "audit.loganalytics", false },

        { EndUserConsent, "a.json", Audit.Graph("Consent to application", Audit.Consent("False")), "audit.graph", true },
        { EndUserConsent, "a.json", Audit.Diagnostic("Consent to application", Audit.Consent("False")), "audit.diagnostic", true },
        { EndUserConsent, "a.json", Audit.LogAnalytics("Consent to application", Audit.Consent("False")), "audit.loganalytics", true },
        { EndUserConsent, "a.json", Audit.Graph("Consent to application", Audit.Consent("True")), "audit.graph", false },
        { EndUserConsent, "a.json", Audit.LogAnalytics("Consent to application", Audit.Consent("True")), "audit.loganalytics", false },

        { AppRoleAdded, "a.json", Audit.Graph("Add member to role", "", "ServicePrincipal"), "audit.graph", true },
        { AppRoleAdded, "a.json", Audit.Diagnostic("Add member to role", "", "ServicePrincipal"), "audit.diagnostic", true },
        { AppRoleAdded, "a.json", Audit.LogAnalytics("Add member to role", "", "ServicePrincipal"), "audit.loganalytics", true },
        { AppRoleAdded, "a.json", Audit.Graph("Add member to role", "", "User"), "audit.graph", false },

        { MfaDenied, "s.json", SignIn.Graph(500121, "multiFactorAuthentication", "MFA denied; user declined the authentication"), "signin.graph", true },
        { MfaDenied, "s.json", SignIn.Diagnostic(500121, "multiFactorAuthentication", "MFA denied; user declined the authentication"), "signin.diagnostic", true },
        { MfaDenied, "s.json", SignIn.LogAnalytics(500121, "multiFactorAuthentication", "MFA denied; user declined the authentication"), "signin.loganalytics", true },
        { MfaDenied, "s.csv", SignIn.LogAnalyticsCsv(500121, "multiFactorAuthentication", "MFA denied; user declined the authentication"), "signin.loganalytics", true },
        { MfaDenied, "s.json", SignIn.Graph(500121, "multiFactorAuthentication", "MFA completed in Azure AD"), "signin.graph", false },
        { MfaDenied, "s.csv", SignIn.LogAnalyticsCsv(500121, "multiFactorAuthentication", "MFA completed in Azure AD"), "signin.loganalytics", false },

        { AccountLockout, "s.json", SignIn.Graph(50053, "singleFactorAuthentication", null), "signin.graph", true },
        { AccountLockout, "s.json", SignIn.Diagnostic(50053, "singleFactorAuthentication", null), "signin.diagnostic", true },
        { AccountLockout, "s.json", SignIn.LogAnalytics(50053, "singleFactorAuthentication", null), "signin.loganalytics", true },
        { AccountLockout, "s.csv", SignIn.LogAnalyticsCsv(50053, "singleFactorAuthentication", null), "signin.loganalytics", true },
        { AccountLockout, "s.json", SignIn.Diagnostic(50126, "singleFactorAuthentication", null), "signin.diagnostic", false },

        { SingleFactor, "s.json", SignIn.Graph(0, "singleFactorAuthentication", null), "signin.graph", true },
        { SingleFactor, "s.json", SignIn.Diagnostic(0, "singleFactorAuthentication", null), "signin.diagnostic", true },
        { SingleFactor, "s.json", SignIn.LogAnalytics(0, "singleFactorAuthentication", null), "signin.loganalytics", true },
        { SingleFactor, "s.csv", SignIn.LogAnalyticsCsv(0, "singleFactorAuthentication", null), "signin.loganalytics", true },
        { SingleFactor, "s.json", SignIn.Graph(50126, "singleFactorAuthentication", null), "signin.graph", false },
        { SingleFactor, "s.json", SignIn.LogAnalytics(0, "multiFactorAuthentication", null), "signin.loganalytics", false },

        { InboxRule, "u.json", Ual.Api(Ual.InboxRule("DeleteMessage")), "ual.api", true },
        { InboxRule, "u.csv", Ual.PurviewCsv(Ual.InboxRule("DeleteMessage")), "ual.purview-csv", true },
        { InboxRule, "u.json", Ual.LogAnalytics("DeleteMessage"), "ual.loganalytics", true },
        { InboxRule, "u.json", Ual.Elastic(Ual.InboxRule("DeleteMessage")), "ual.elastic", true },
        { InboxRule, "u.json", Ual.CloudAppEvents(Ual.InboxRule("DeleteMessage")), "ual.cloudappevents", true },
        { InboxRule, "u.json", Ual.Api(Ual.InboxRule("StopProcessingRules")), "ual.api", false },
        { InboxRule, "u.csv", Ual.PurviewCsv(Ual.InboxRule("StopProcessingRules")), "ual.purview-csv", false },

        { ForwardingAlert, "u.json", Ual.Api(Ual.Alert("Suspicious inbox forwarding")), "ual.api", true },
        { ForwardingAlert, "u.csv", Ual.PurviewCsv(Ual.Alert("Suspicious inbox forwarding")), "ual.purview-csv", true },
        { ForwardingAlert, "u.json", Ual.Elastic(Ual.Alert("Suspicious inbox forwarding")), "ual.elastic", true },
        { ForwardingAlert, "u.json", Ual.Api(Ual.Alert("Unusual volume of file deletion")), "ual.api", false },

        { UnlikelyTravel, "r.json", Risk.Graph("unlikelyTravel"), "risk.graph", true },
        { UnlikelyTravel, "r.json", Risk.Diagnostic("unlikelyTravel"), "risk.diagnostic", true },
        { UnlikelyTravel, "r.json", Risk.LogAnalytics("unlikelyTravel"), "risk.loganalytics", true },
        { UnlikelyTravel, "r.json", Risk.Graph("newCountry"), "risk.graph", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void One_rule_matches_one_event_in_every_variant(string rule, string fileName, string record, string format, bool expected)
    {
        var events = CommunityTestKit.Decode(fileName, record);
        var evt = Assert.Single(events);
        Assert.Equal(format, evt.Format);
        var matches = CommunityTestKit.Matches(rule, evt);
        if (expected) Assert.Single(matches);
        else Assert.Empty(matches);
    }

    public static TheoryData<SourceKind, string?, string, string> Routes() => new()
    {
        { SourceKind.SignIn, "SignInLogs", "{}", "azure/signinlogs/*" },
        { SourceKind.Audit, "UserManagement", "{}", "azure/auditlogs/*" },
        { SourceKind.Audit, "RoleManagement", "{}", "azure/auditlogs/*, azure/pim/*" },
        { SourceKind.Audit, "ApplicationManagement", """{"loggedByService":"PIM"}""", "azure/auditlogs/*, azure/pim/*" },
        { SourceKind.Risk, "UserRiskEvents", "{}", "azure/riskdetection/*" },
        { SourceKind.Ual, "Exchange", "{}", "m365/audit/*, m365/exchange/*" },
        { SourceKind.Ual, "SecurityComplianceCenter", "{}", "m365/audit/*, m365/threat_management/*, m365/threat_detection/*" },
        { SourceKind.Ual, "AzureActiveDirectory", "{}", "m365/audit/*" },
        { SourceKind.GraphActivity, "MicrosoftGraphActivityLogs", "{}", "" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public void Records_are_routed_to_the_SigmaHQ_log_sources_of_their_family(SourceKind source, string? category, string raw, string expected)
    {
        var evt = new AuditEvent { RecordId = "x", Format = "test", Source = source, Category = category, Raw = raw };
        Assert.Equal(expected, string.Join(", ", CommunityRouting.Route(evt)));
    }

    [Theory]
    [InlineData("""{"loggedByService":"PIM"}""", "azure/auditlogs/*, azure/pim/*")]
    [InlineData("""{"loggedByService":"Core Directory","x":"PIMS"}""", "azure/auditlogs/*")]
    public void PIM_records_are_found_in_raw_records_held_as_UTF8_bytes(string raw, string expected)
    {
        // A case read back, or a decoder's arena, holds the raw record as bytes: routing searches those, not a copy.
        var evt = new AuditEvent { RecordId = "x", Format = "test", Source = SourceKind.Audit, Category = "ApplicationManagement", Raw = "" };
        evt.UseRawUtf8(System.Text.Encoding.UTF8.GetBytes(raw));
        Assert.Equal(expected, string.Join(", ", CommunityRouting.Route(evt)));
    }

    [Theory]
    [InlineData("SignInLogs", "azure/signinlogs/*")]
    [InlineData("NonInteractiveUserSignInLogs", "azure/signinlogs/*")]
    [InlineData("ServicePrincipalSignInLogs", "")]
    [InlineData("MicrosoftServicePrincipalSignInLogs", "")]
    [InlineData("ManagedIdentitySignInLogs", "")]
    public void Users_sign_ins_go_to_SigmaHQs_sign_in_rules_and_apps_sign_ins_do_not(string category, string expected)
    {
        // SigmaHQ's signinlogs rules describe a user signing in (MFA required, a compliant device); an app signing in
        // with its own credential would match "single factor" and "non-compliant device" every time.
        var line = """{"time":"2024-05-01T08:15:30Z","category":"CATEGORY","tenantId":"t","properties":{"id":"a1","createdDateTime":"2024-05-01T08:15:30Z","userPrincipalName":"amy@contoso.example","servicePrincipalId":"5f0c2d8e-1111-4c3a-9b7e-0a1b2c3d4e5f","appId":"0c1d2e3f-2222-4d5e-8f90-a1b2c3d4e5f6","status":{"errorCode":0},"authenticationRequirement":"singleFactorAuthentication"}}""".Replace("CATEGORY", category, StringComparison.Ordinal);
        var evt = Daybreak.Decoders.SignIns.DiagnosticSignInReader.TryRead(System.Text.Encoding.UTF8.GetBytes(line));
        Assert.NotNull(evt);
        Assert.Equal(expected, string.Join(", ", CommunityRouting.Route(evt)));
    }

    [Fact]
    public void The_samples_service_principal_sign_ins_go_to_no_SigmaHQ_rules_and_its_users_sign_ins_do()
    {
        // The shipped samples: a Log Analytics export of AADServicePrincipalSignInLogs, and diagnostic user sign-ins.
        var apps = CommunityTestKit.DecodeFiles([Path.Combine(Corpus.RepoRoot, "samples", "entra", "serviceprincipal-signins-loganalytics.json")]);
        Assert.NotEmpty(apps);
        Assert.All(apps, e => Assert.Empty(CommunityRouting.Route(e)));
        var users = CommunityTestKit.DecodeFiles([Path.Combine(Corpus.RepoRoot, "samples", "entra", "signins-diagnostic.json.gz")])
            .Where(e => e.Actor.Kind == ActorKind.User).ToList();
        Assert.NotEmpty(users);
        Assert.All(users, e => Assert.Equal([CommunityRouting.SignInLogs], CommunityRouting.Route(e)));
    }

    [Fact]
    public void Every_family_with_SigmaHQ_rules_has_one_mapping_file_and_the_folder_reads_cleanly()
    {
        var mappings = CommunityTestKit.Mappings;
        Assert.Empty(mappings.Errors);
        foreach (var source in new[] { SourceKind.SignIn, SourceKind.Audit, SourceKind.Risk, SourceKind.Ual })
            Assert.NotNull(mappings.ForSource(source));
        Assert.Equal("entra-audit.yml", mappings.ForRule(new SigmaLogSource("azure", "pim", null))?.Name);
        Assert.Contains("Resource Manager", mappings.NotIngestedFor(new SigmaLogSource("azure", "activitylogs", null))?.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("source: signin\nfields:\n  A: ['nv:x']\n", "m.yml:3:")]
    [InlineData("source: nowhere\nfields: {}\n", "m.yml: 'source'")]
    [InlineData("source: ual\nfields: [a]\n", "m.yml:2:")]
    public void A_bad_mapping_file_is_reported_with_its_position(string yaml, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => SigmaMappingFile.Parse(yaml, "m.yml"));
        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Operation":"A","Workload":"w"}""", "A", "A")]
    [InlineData("""{"auditdata":{"Operation":"B"},"Operation":"x"}""", "B", "B")]
    [InlineData("""{"AuditData":"{\"Operation\":\"C\"}"}""", "C", "C")]
    [InlineData("""{"event.original":{"Operation":"D"},"Operation":"x"}""", "D", "D")]
    [InlineData("""{"Event":{"original":{"Operation":"E"}}}""", "E", "E")]
    [InlineData("""{"EVENT.x":1,"Operation":"F"}""", "F", "F")]
    [InlineData("""{"RawEventData":{"Name":"n"},"Operation":"H"}""", "H", "H")]
    // Paths descend arrays (any element may match); json: text does not, and a bare name is looked up at the top only.
    [InlineData("""[{"AuditData":{"Operation":"G"}}]""", "G", null)]
    [InlineData("""[{"Operation":"x"}]""", null, null)]
    public void Roots_are_tried_in_order_and_a_record_without_one_skips_it(string raw, string? expected, string? expectedText)
    {
        // Candidates under a root the record's top level lacks are passed over without walking the record; the
        // answers must be those of walking it: any case of the root, a dotted literal key, JSON inside a string, an
        // array at the top.
        var mapping = SigmaMappingFile.Parse("""
            source: ual
            roots: [AuditData, event.original, ""]
            fields:
              Op: [Operation]
              Text: ["json:Operation"]
              Name: ["nv:Parameters:Name"]
            """, "r.yml");
        var evt = new CommunitySigmaEvent(new AuditEvent { RecordId = "x", Format = "ual.api", Source = SourceKind.Ual, Raw = raw }, mapping);
        Assert.Equal(expected, Field(evt, "Op"));
        Assert.Equal(expectedText, Field(evt, "Text"));
        Assert.Null(Field(evt, "Name"));
    }

    [Fact]
    public void Candidates_cover_unions_constants_json_text_and_name_value_lists()
    {
        var mapping = SigmaMappingFile.Parse("""
            source: ual
            roots: [AuditData, ""]
            trim: [Op]
            fields:
              Op: [Operation]
              Both: ["Operation + Workload"]
              Fixed: ["=constant"]
              Text: ["json:Parameters"]
              Request: ["nv:ExtendedProperties:RequestType"]
              Absent: []
            values:
              Op: { New-InboxRule: an inbox rule }
            """, "t.yml");
        var raw = """{"AuditData":"{\"Operation\":\" New-InboxRule \",\"Workload\":\"Exchange\",\"Parameters\":[],\"ExtendedProperties\":[{\"Name\":\"RequestType\",\"Value\":\"Cmsi:Cmsi\"}]}"}""";
        var evt = new CommunitySigmaEvent(new AuditEvent { RecordId = "x", Format = "ual.purview-csv", Source = SourceKind.Ual, Raw = raw }, mapping);
        Assert.Equal("[New-InboxRule, an inbox rule]", Field(evt, "op"));
        Assert.Equal("[ New-InboxRule , Exchange]", Field(evt, "Both"));
        Assert.Equal("constant", Field(evt, "Fixed"));
        Assert.Equal("[]", Field(evt, "Text"));
        Assert.Equal("Cmsi:Cmsi", Field(evt, "Request"));
        Assert.False(evt.TryGetField("Absent", out _));
        Assert.False(evt.TryGetField("Workload", out _));
        Assert.False(mapping.CanProduce("Absent"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_view_over_the_decoders_bytes_can_be_detached_and_outlives_its_disposal(bool bytes)
    {
        // Diagnostic sign-ins keep their raw record as the bytes read; the view parses them in place over pooled
        // memory, so whatever keeps a view (a correlation's reorder buffer) must hold a detached copy.
        var line = """{"time":"2024-05-01T08:15:30Z","category":"SignInLogs","tenantId":"t","properties":{"id":"a1","createdDateTime":"2024-05-01T08:15:30Z","userPrincipalName":"amy@contoso.example","status":{"errorCode":50126},"userAgent":"python-requests/2.31","authenticationRequirement":"singleFactorAuthentication"}}""";
        var evt = Daybreak.Decoders.SignIns.DiagnosticSignInReader.TryRead(System.Text.Encoding.UTF8.GetBytes(line));
        Assert.NotNull(evt);
        Assert.False(evt.RawUtf8().IsEmpty);
        // Events read back from a case carry the raw record as text: encoded into a rented buffer instead.
        if (!bytes) evt.Raw = line;
        Assert.Equal(bytes, !evt.RawUtf8().IsEmpty);
        var mapping = CommunityTestKit.Mappings.ForSource(SourceKind.SignIn)!;
        var view = new CommunitySigmaEvent(evt, mapping);
        Assert.Equal("50126", Field(view, "ResultType"));
        Assert.Equal("50126", Field(view, "ResultType")); // the second lookup answers from the view's memo
        var detached = view.Detach();
        view.Dispose();
        // A hunt releases the event's raw record once every detection has seen it; the detached view kept its own.
        evt.ReleaseRaw();
        Assert.Equal("50126", Field(detached, "ResultType"));
        Assert.Equal("python-requests/2.31", Field(detached, "userAgent"));
        Assert.Equal("singleFactorAuthentication", Field(detached, "AuthenticationRequirement"));
        Assert.Null(Field(detached, "RiskState"));
    }

    [Fact]
    public void Views_one_after_another_answer_for_their_own_record_though_they_reuse_their_tables()
    {
        // A hunt disposes each event's view before the next; the next takes the last one's tables (its answers under a
        // new stamp rather than cleared).
        var mapping = CommunityTestKit.Mappings.ForSource(SourceKind.SignIn)!;
        string Line(string id, int code, string ua) =>
            $$$"""{"time":"2024-05-01T08:15:30Z","category":"SignInLogs","tenantId":"t","properties":{"id":"{{{id}}}","createdDateTime":"2024-05-01T08:15:30Z","userPrincipalName":"amy@contoso.example","status":{"errorCode":{{{code}}}},"userAgent":"{{{ua}}}"}}""";
        var first = new CommunitySigmaEvent(Daybreak.Decoders.SignIns.DiagnosticSignInReader.TryRead(System.Text.Encoding.UTF8.GetBytes(Line("a1", 50126, "curl/8.0")))!, mapping);
        Assert.Equal("50126", Field(first, "ResultType"));
        Assert.Equal("curl/8.0", Field(first, "userAgent"));
        var kept = first.Detach();
        first.Dispose();

        var second = new CommunitySigmaEvent(Daybreak.Decoders.SignIns.DiagnosticSignInReader.TryRead(System.Text.Encoding.UTF8.GetBytes(Line("a2", 0, "Mozilla/5.0")))!, mapping);
        Assert.Equal("0", Field(second, "ResultType"));
        Assert.Equal("Mozilla/5.0", Field(second, "userAgent"));
        // The disposed view's tables went to the second view, not its detached copy's.
        Assert.Equal("50126", Field(kept, "ResultType"));
        second.Dispose();
        Assert.Equal("curl/8.0", Field(kept, "userAgent"));
    }

    [Fact]
    public void Multi_valued_answers_that_repeat_are_one_list_and_stay_right_for_every_record()
    {
        // A sign-in's Status is its outcome beside its status object; records with the same status get the same list
        // (no list per record), and records with another status never get theirs, however many statuses come and go.
        var mapping = CommunityTestKit.Mappings.ForSource(SourceKind.SignIn)!;
        string Line(string id, int code) =>
            $$$"""{"time":"2024-05-01T08:15:30Z","category":"SignInLogs","tenantId":"t","properties":{"id":"{{{id}}}","createdDateTime":"2024-05-01T08:15:30Z","userPrincipalName":"amy@contoso.example","status":{"errorCode":""" + code + "}}}";
        FieldValue Status(string id, int code)
        {
            using var view = new CommunitySigmaEvent(Daybreak.Decoders.SignIns.DiagnosticSignInReader.TryRead(System.Text.Encoding.UTF8.GetBytes(Line(id, code)))!, mapping);
            Assert.True(view.TryGetField("Status", out var value));
            return value;
        }

        var failed = Status("a1", 50126);
        Assert.Equal("""[failure, {"errorCode":50126}]""", failed.ToString());
        var succeeded = Status("a2", 0);
        Assert.Equal("""[success, {"errorCode":0}]""", succeeded.ToString());
        var failedAgain = Status("a3", 50126);
        Assert.Equal(failed.ToString(), failedAgain.ToString());
        Assert.Same(failed.Items, failedAgain.Items);
        Assert.NotSame(failed.Items, succeeded.Items);
        // More statuses than the lists kept: each record still answers with its own.
        for (var code = 50000; code < 50040; code++)
            Assert.Equal("[failure, {\"errorCode\":" + code + "}]", Status("b" + code, code).ToString());
        Assert.Equal("""[success, {"errorCode":0}]""", Status("a4", 0).ToString());
    }

    [Fact]
    public void A_union_of_more_values_than_it_gathers_in_place_keeps_them_all_in_order()
    {
        // A union gathers up to eight values without a list; an array part can bring more.
        var mapping = SigmaMappingFile.Parse("""
            source: ual
            fields:
              Both: ["Operation + Tags"]
            """, "t.yml");
        var raw = """{"Operation":"op","Tags":["t1","t2","t3","t4","t5","t6","t7","t8","t9","t10"]}""";
        using var evt = new CommunitySigmaEvent(new AuditEvent { RecordId = "x", Format = "ual.api", Source = SourceKind.Ual, Raw = raw }, mapping);
        Assert.Equal("[op, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10]", Field(evt, "Both"));
    }

    [Fact]
    public void Values_with_an_alias_share_their_list_and_long_texts_their_string()
    {
        var mapping = SigmaMappingFile.Parse("""
            source: signin
            fields:
              Op: [properties.operationName]
              Agent: [properties.userAgent]
            values:
              Op: { Sign-in activity: a sign-in }
            """, "t.yml");
        // A user agent past 96 bytes: such texts come from the thread's cache too, up to 512 bytes.
        var agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0";
        string Line(string id) =>
            $$$"""{"time":"2024-05-01T08:15:30Z","category":"SignInLogs","tenantId":"t","properties":{"id":"{{{id}}}","createdDateTime":"2024-05-01T08:15:30Z","operationName":"Sign-in activity","userAgent":"{{{agent}}}"}}""";
        (FieldValue Op, FieldValue Agent) Read(string id)
        {
            var evt = Daybreak.Decoders.SignIns.DiagnosticSignInReader.TryRead(System.Text.Encoding.UTF8.GetBytes(Line(id)), null, mapping.Plan)!;
            using var view = new CommunitySigmaEvent(evt, mapping);
            Assert.True(view.TryGetField("Op", out var op));
            Assert.True(view.TryGetField("Agent", out var ua));
            return (op, ua);
        }

        var first = Read("a1");
        var second = Read("a2");
        Assert.Equal("[Sign-in activity, a sign-in]", first.Op.ToString());
        Assert.Equal(first.Op.ToString(), second.Op.ToString());
        Assert.Same(first.Op.Items, second.Op.Items);
        Assert.Equal(agent, first.Agent.Text);
        Assert.Same(first.Agent.Text, second.Agent.Text);
    }

    private static string? Field(ISigmaEvent evt, string name) => evt.TryGetField(name, out var v) ? v.ToString() : null;
}
