using Daybreak.Decoders.GraphActivity;
using Daybreak.Events;
using Daybreak.Tests.Decoders.Entra;

namespace Daybreak.Tests.Decoders.GraphActivity;

public sealed class GraphActivityTests
{
    [Theory]
    [InlineData("graphactivity/diagnostic-records.json", "graphactivity.diagnostic")]
    [InlineData("graphactivity/loganalytics.json", "graphactivity.loganalytics")]
    public void Both_variants_read_app_only_and_delegated_requests(string fixture, string format)
    {
        var events = Decoded.File(Decoded.Fixture(fixture)).Clean();

        Assert.Equal(2, events.Count);
        var appOnly = events[0];
        Assert.Equal(format, appOnly.Format);
        Assert.Equal(SourceKind.GraphActivity, appOnly.Source);
        Assert.Equal("graphactivity:7b0a3c4d-0000-4000-8000-0000000000a1", appOnly.RecordId);
        Assert.Equal(Decoded.Utc("2024-05-02T03:06:00.1234567Z"), appOnly.Time);
        Assert.Equal("GET /v1.0/users/26be570a-ae82-4189-b4e2-a37c6808512d/messages", appOnly.Operation);
        Assert.Equal(OutcomeStatus.Success, appOnly.Outcome.Status);
        Assert.Equal("200", appOnly.Outcome.Code);
        Assert.Equal(ActorKind.ServicePrincipal, appOnly.Actor.Kind);
        Assert.Equal("0d2f5969-011b-460d-ac74-3291d227d49f", appOnly.Actor.ObjectId);
        Assert.Equal("11b49e19-2326-4be6-93cb-7f37439bbd81", appOnly.Actor.AppId);
        Assert.Equal("198.51.100.23", appOnly.Network.Ip);
        Assert.Equal("python-requests/2.31.0", appOnly.Network.UserAgent);
        Assert.Equal("ZTBkNzQ3YjItYzNmYS00MGQ1LWI0MjctZTdmYzE0ZmQ0MDAw", appOnly.Auth.SignInActivityId);
        Assert.Equal(appOnly.Auth.SignInActivityId, appOnly.Auth.UniqueTokenId);

        var delegated = events[1];
        Assert.Equal("POST /beta/me/sendMail", delegated.Operation);
        Assert.Equal(OutcomeStatus.Failure, delegated.Outcome.Status);
        Assert.Equal("403", delegated.Outcome.Code);
        Assert.Equal(ActorKind.User, delegated.Actor.Kind);
        Assert.Equal("26be570a-ae82-4189-b4e2-a37c6808512d", delegated.Actor.ObjectId);
    }

    [SkippableFact]
    public void Corpus_requests_decode_with_their_paths_and_actors()
    {
        var events = Decoded.File(Corpus.RequireCorpus("elastic-integrations/packages/azure/data_stream/graphactivitylogs/_dev/test/pipeline/test-activitylogs-raw.log")).Clean();

        Assert.Equal(6, events.Count);
        Assert.All(events, e => Assert.Equal("graphactivity.diagnostic", e.Format));
        Assert.Equal(["sign-in_ActivityId", "sign-in_ActivityId", "signin_ActivityId", "signin_Activity-Id", "sign-in_ActivityId", "sign-in_ActivityId"],
            events.Select(e => e.Auth.SignInActivityId));
        Assert.Equal("GET /v1.0/organization/a140785b-418d-4344-a4ec-8e9648919gdb", events[0].Operation);
        Assert.Equal(ActorKind.ServicePrincipal, events[0].Actor.Kind);
        Assert.Equal("2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6", events[0].Network.Ip);
        Assert.Equal("GET /v1.0/me/photos/96x96/$value", events[1].Operation);
        Assert.Equal(ActorKind.User, events[1].Actor.Kind);
        Assert.Equal("404", events[1].Outcome.Code);
        Assert.Equal(new DateTime(2024, 3, 7, 11, 47, 0, 644, DateTimeKind.Utc).AddTicks(2361), events[0].Time);
    }

    [Theory]
    [InlineData("https://graph.microsoft.com/v1.0/me/messages?$top=5", "/v1.0/me/messages")]
    [InlineData("https://graph.microsoft.com", "/")]
    [InlineData("/v1.0/users#x", "/v1.0/users")]
    [InlineData("https://graph.microsoft.com/beta//users/a%20b/photo", "/beta//users/a%20b/photo")]
    public void PathOf_keeps_the_path_as_written(string uri, string path) =>
        Assert.Equal(path, GraphActivityNormaliser.PathOf(uri));
}
