namespace Daybreak.Tests.Decoders.Entra;

/// <summary>A record whose fields have the wrong types is rejected with a reason naming the field; the file goes on.</summary>
public sealed class WrongValueTypeTests
{
    private const string Good = """{"id":"ok-1","createdDateTime":"2024-05-01T08:00:00Z","userPrincipalName":"a@contoso.com","status":{"errorCode":0}}""";

    [Theory]
    [InlineData("""{"id":"bad","createdDateTime":"2024-05-01T08:00:00Z","userPrincipalName":"a@contoso.com","status":{"errorCode":{"code":50126}}}""", "status.errorCode is an object, expected a number")]
    [InlineData("""{"id":"bad","createdDateTime":1714550400,"userPrincipalName":"a@contoso.com","status":{"errorCode":0}}""", "createdDateTime is a number, expected a date string")]
    [InlineData("""{"id":"bad","createdDateTime":"yesterday","userPrincipalName":"a@contoso.com","status":{"errorCode":0}}""", "createdDateTime is not a readable time")]
    [InlineData("""{"id":"bad","createdDateTime":"2024-05-01T08:00:00Z","userPrincipalName":["a@contoso.com"],"status":{"errorCode":0}}""", "userPrincipalName is an array, expected text")]
    [InlineData("""{"id":"bad","activityDateTime":"2024-05-01T08:00:00Z","activityDisplayName":"Add user","initiatedBy":42}""", "initiatedBy is a number, expected an object")]
    [InlineData("""{"id":"bad","activityDateTime":["2024"],"activityDisplayName":"Add user","initiatedBy":{}}""", "activityDateTime is an array, expected a date string")]
    [InlineData("""{"time":"2024-05-01T08:00:00Z","category":"MicrosoftGraphActivityLogs","properties":{"requestMethod":"GET","requestUri":"https://graph.microsoft.com/v1.0/me","responseStatusCode":{"x":1}}}""", "responseStatusCode is an object, expected a number")]
    public void Bad_record_is_rejected_and_the_next_one_still_decodes(string bad, string reason)
    {
        var decoded = Decoded.Text(bad + "\n" + Good + "\n", ".ndjson");

        var rejection = Assert.Single(decoded.Rejections);
        Assert.Equal(1L, rejection.Line);
        Assert.Contains(reason, rejection.Reason);
        Assert.Equal("signin:ok-1", Assert.Single(decoded.Events).RecordId);
    }

    [Fact]
    public void Sign_in_without_any_time_is_rejected()
    {
        var decoded = Decoded.Text("""[{"id":"x","createdDateTime":"","status":{"errorCode":0}}]""");

        Assert.Contains("no createdDateTime", Assert.Single(decoded.Rejections).Reason);
    }
}
