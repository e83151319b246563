using Daybreak.Detection;
using Daybreak.Detection.Builtin;
using Daybreak.Events;

namespace Daybreak.Tests.Detection.Builtin;

/// <summary>What detections keep of a sign-in for evidence gives alerts the same entities as the sign-in itself.</summary>
public sealed class KeptSignInTests
{
    private const string Line = """{"time":"2024-05-01T08:15:30Z","category":"SignInLogs","tenantId":"7d3c0b1e-0000-4000-8000-000000000001","properties":{"id":"a1b2","createdDateTime":"2024-05-01T08:15:30Z","userPrincipalName":"Amy@Contoso.example","userId":"0f0e0d0c-0000-4000-8000-0000000000aa","appId":"00000002-0000-0ff1-ce00-000000000000","resourceId":"00000002-0000-0ff1-ce00-000000000000","resourceDisplayName":"Office 365 Exchange Online","ipAddress":"203.0.113.7","autonomousSystemNumber":64500,"location":{"countryOrRegion":"NL"},"sessionId":"5e55-10n","uniqueTokenIdentifier":"tok-123","status":{"errorCode":0},"userAgent":"Mozilla/5.0","correlationId":"c0"}}""";

    private static AuditEvent SignIn() => Daybreak.Decoders.SignIns.DiagnosticSignInReader.TryRead(System.Text.Encoding.UTF8.GetBytes(Line))!;

    private static string Entities(AuditEvent e)
    {
        var entities = EntityExtractor.From(e);
        TargetEntities.AddTo(entities, e);
        return System.Text.Json.JsonSerializer.Serialize(entities);
    }

    [Fact]
    public void The_kept_sign_in_names_the_same_entities_record_and_time()
    {
        var original = SignIn();
        var kept = new KeptSignIn(original).ToEvent();

        Assert.Equal(Entities(original), Entities(kept));
        Assert.Equal((original.RecordId, original.Time, original.Source, original.Network.Asn), (kept.RecordId, kept.Time, kept.Source, kept.Network.Asn));
        Assert.Contains("tok-123", Entities(kept));
        Assert.Equal("", kept.Raw);
    }

    [Fact]
    public void Sign_ins_kept_with_the_users_names_share_one_copy_of_each()
    {
        var names = new UserNames();
        var first = new KeptSignIn(SignIn(), names);
        var second = new KeptSignIn(SignIn(), names);

        Assert.Same(first.Upn, second.Upn);
        Assert.Same(first.ObjectId, second.ObjectId);
        Assert.Same(first.TenantId, second.TenantId);
        Assert.NotSame(first.RecordId, second.RecordId);
        Assert.Equal(Entities(SignIn()), Entities(second.ToEvent()));
    }
}
