using Azure.Core;
using Azure.Identity;
using Daybreak.Cli.Commands;
using Daybreak.Response.Graph;

namespace Daybreak.Cli.Infrastructure;

/// <summary>How a verb reaches Graph from its options: endpoint and retries, and where the bearer token comes from.</summary>
internal static class GraphConnection
{
    public static GraphClientOptions Options(GraphIncidentSettings s, TimeProvider time) => new()
    {
        GraphUrl = new Uri(s.GraphUrl ?? GraphClientOptions.DefaultGraphUrl),
        MaxRetries = s.MaxRetries,
        Time = time,
    };

    /// <summary>A static token (tests, or one fetched elsewhere), else app credentials, else DefaultAzureCredential.</summary>
    public static Func<CancellationToken, ValueTask<string>> Token(GraphIncidentSettings s, Uri graph)
    {
        var token = s.Token ?? Environment.GetEnvironmentVariable("DAYBREAK_GRAPH_TOKEN");
        if (!string.IsNullOrEmpty(token)) return _ => ValueTask.FromResult(token);
        var tenant = s.Tenant ?? Environment.GetEnvironmentVariable("AZURE_TENANT_ID");
        var client = s.ClientId ?? Environment.GetEnvironmentVariable("AZURE_CLIENT_ID");
        var secret = s.ClientSecret ?? Environment.GetEnvironmentVariable("AZURE_CLIENT_SECRET");
        var certificate = s.Certificate ?? Environment.GetEnvironmentVariable("AZURE_CLIENT_CERTIFICATE_PATH");
        TokenCredential credential = (tenant, client) switch
        {
            ({ } t, { } c) when certificate is not null => new ClientCertificateCredential(t, c, certificate),
            ({ } t, { } c) when secret is not null => new ClientSecretCredential(t, c, secret),
            _ => new DefaultAzureCredential(new DefaultAzureCredentialOptions { TenantId = tenant }),
        };
        var scope = graph.IsLoopback ? "https://graph.microsoft.com/.default" : $"{graph.Scheme}://{graph.Host}/.default";
        return async ct => (await credential.GetTokenAsync(new TokenRequestContext([scope]), ct)).Token;
    }

    public static HttpClient Http() => new() { Timeout = TimeSpan.FromSeconds(100) };
}
