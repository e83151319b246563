using Daybreak.Detection;
using Daybreak.Detection.Builtin;
using Daybreak.Events;
using Daybreak.Tests.Detection.Sigma;

namespace Daybreak.Tests.Detection.Builtin;

/// <summary>
/// Event times come from logs, so a record of year 1 or 9999 is attacker-controlled input: windows and expiry must
/// compare ages rather than subtract a time-to-live from such a time (which throws), so that no detection fails on it.
/// </summary>
public sealed class CalendarEdgeTests
{
    private const string Line = """{"time":"2024-05-01T08:15:30Z","category":"SignInLogs","tenantId":"7d3c0b1e-0000-4000-8000-000000000001","properties":{"id":"ID","createdDateTime":"2024-05-01T08:15:30Z","userPrincipalName":"amy@contoso.example","userId":"0f0e0d0c-0000-4000-8000-0000000000aa","appId":"00000002-0000-0ff1-ce00-000000000000","ipAddress":"203.0.113.7","autonomousSystemNumber":64500,"location":{"countryOrRegion":"NL"},"sessionId":"SESSION","uniqueTokenIdentifier":"TOKEN","status":{"errorCode":CODE},"authenticationRequirement":"singleFactorAuthentication","isInteractive":true,"userAgent":"Mozilla/5.0","correlationId":"c0"}}""";

    private static AuditEvent SignIn(int n, DateTime time, int code)
    {
        var line = Line.Replace("\"ID\"", $"\"id-{n}\"").Replace("SESSION", $"s-{n % 3}").Replace("TOKEN", $"t-{n}").Replace("CODE", code.ToString());
        var e = Daybreak.Decoders.SignIns.DiagnosticSignInReader.TryRead(System.Text.Encoding.UTF8.GetBytes(line))!;
        e.Time = time;
        return e;
    }

    [Fact]
    public void No_built_in_detection_fails_on_times_at_the_ends_of_the_calendar()
    {
        var runner = new DetectionRunner(BuiltinDetections.Create(null, Path.Combine(Corpus.RepoRoot, "rules")));
        var start = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
        DateTime[] times = [start, start.AddMinutes(30), start.AddHours(2), start.AddDays(1), start.AddDays(3), DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc)];
        var n = 0;
        foreach (var time in times)
            foreach (var code in new[] { 50126, 50126, 0 })
                runner.Write(SignIn(n++, time, code));
        runner.Flush();

        Assert.Empty(runner.Errors.Select(e => $"{e.Detection}: {e.FirstError}"));
    }

    [Fact]
    public void The_streaming_reorder_buffer_releases_times_at_the_ends_of_the_calendar()
    {
        var buffer = new Daybreak.Pipeline.ReorderBuffer(TimeSpan.FromMinutes(5));
        var start = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
        var end = DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);
        AuditEvent[] events = [SignIn(1, start, 0), SignIn(2, start.AddHours(1), 0), SignIn(3, end, 0)];
        var released = new List<AuditEvent>();
        foreach (var e in events) released.AddRange(buffer.Push(e));
        Assert.Equal(2, released.Count); // the first two are more than the lateness before the last
        released.AddRange(buffer.Drain());

        Assert.Equal(events, released);
    }
}
