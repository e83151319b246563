using System.Text.Json;
using Daybreak.Decoders.Entra;
using Daybreak.Events;

namespace Daybreak.Decoders.GraphActivity;

/// <summary>
/// Microsoft Graph activity logs: one HTTP request to Graph each, as a diagnostic record (category
/// MicrosoftGraphActivityLogs, the request in <c>properties</c>) or a Log Analytics MicrosoftGraphActivityLogs row.
/// The operation is the method and the URI path; <c>signInActivityId</c> joins the request to the sign-in whose
/// token it used (the sign-in's uniqueTokenIdentifier).
/// </summary>
internal sealed class GraphActivityNormaliser : IRecordNormaliser
{
    private const string Table = "MicrosoftGraphActivityLogs";

    public string Family => "graphactivity";

    public IReadOnlyList<FormatInfo> Formats => GraphActivityFormats.All;

    public bool Accepts(in RawRecord record)
    {
        var root = record.Root;
        if (AzureEnvelope.TryGetDiagnosticCategory(root, out var category)) return string.Equals(category, Table, StringComparison.OrdinalIgnoreCase);
        if (AzureEnvelope.TryGetTable(root, out var table) && string.Equals(table, Table, StringComparison.OrdinalIgnoreCase)) return true;
        return root.TryGet("requestUri", out _) && root.TryGet("requestMethod", out _)
            && (root.TryGet("signInActivityId", out _) || root.TryGet("responseStatusCode", out _));
    }

    public AuditEvent Normalise(in RawRecord record)
    {
        var root = record.Root;
        var diagnostic = AzureEnvelope.TryGetProperties(root, out var p);
        if (!diagnostic) p = root;
        var logAnalytics = !diagnostic && AzureEnvelope.IsLogAnalyticsRow(root);
        var method = p.Text("requestMethod") ?? throw new RecordRejectedException("Graph activity record has no requestMethod");
        var uri = p.Text("requestUri") ?? throw new RecordRejectedException("Graph activity record has no requestUri");

        var evt = new AuditEvent
        {
            RecordId = RecordIds.For(SourceKind.GraphActivity, p.Text("requestId"), record.Raw),
            Format = diagnostic ? GraphActivityFormats.Diagnostic : GraphActivityFormats.LogAnalytics,
            Raw = record.Raw,
            Source = SourceKind.GraphActivity,
            Category = Table,
            Operation = method.ToUpperInvariant() + " " + PathOf(uri),
            Time = root.Time("time") ?? p.Time("timeGenerated")
                ?? throw new RecordRejectedException("Graph activity record has no time"),
            TenantId = AzureEnvelope.TenantId(root, logAnalytics) ?? (logAnalytics ? null : p.Text("tenantId")),
        };

        var status = p.Code("responseStatusCode");
        evt.Outcome.Code = status;
        evt.Outcome.Status = int.TryParse(status, out var http)
            ? http is >= 100 and < 400 ? OutcomeStatus.Success : OutcomeStatus.Failure
            : OutcomeStatus.Unknown;

        var actor = evt.Actor;
        actor.AppId = p.Text("appId");
        if (p.Text("userId") is { } userId)
        {
            actor.Kind = ActorKind.User;
            actor.ObjectId = userId;
        }
        else if (p.Text("servicePrincipalId") is { } servicePrincipalId)
        {
            actor.Kind = ActorKind.ServicePrincipal;
            actor.ObjectId = servicePrincipalId;
        }
        else if (actor.AppId is not null)
        {
            actor.Kind = ActorKind.App;
        }

        evt.Network.Ip = EntraFields.Ip(p.Text("ipAddress") ?? root.Text("callerIpAddress"));
        evt.Network.UserAgent = p.Text("userAgent");
        evt.Auth.SignInActivityId = p.Text("signInActivityId");
        evt.Auth.UniqueTokenId = evt.Auth.SignInActivityId;
        evt.Auth.SessionId = p.Text("sessionId");
        evt.Auth.CorrelationId = p.Text("clientRequestId");
        return evt;
    }

    /// <summary>The path of a request URI, without scheme, host or query; kept as written (no unescaping).</summary>
    internal static string PathOf(string uri)
    {
        var path = uri.AsSpan();
        var scheme = path.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            path = path[(scheme + 3)..];
            var slash = path.IndexOf('/');
            path = slash >= 0 ? path[slash..] : "/";
        }
        var query = path.IndexOfAny('?', '#');
        if (query >= 0) path = path[..query];
        return path.ToString();
    }
}
