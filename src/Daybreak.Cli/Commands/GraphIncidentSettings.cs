using System.ComponentModel;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

/// <summary>Options of the incident verbs that talk to Microsoft Graph (contain --execute, notify --via graph): credentials, endpoint, retries.</summary>
public class GraphIncidentSettings : IncidentSettings
{
    [CommandOption("--tenant <ID>")]
    [Description("Entra tenant id for app credentials. Env: AZURE_TENANT_ID.")]
    public string? Tenant { get; init; }

    [CommandOption("--client-id <ID>")]
    [Description("App (client) id Daybreak signs in as. Env: AZURE_CLIENT_ID.")]
    public string? ClientId { get; init; }

    [CommandOption("--client-secret <SECRET>")]
    [Description("Client secret. Prefer the env var AZURE_CLIENT_SECRET: a command line is visible to other users.")]
    public string? ClientSecret { get; init; }

    [CommandOption("--certificate <PATH>")]
    [Description("Client certificate (PEM or PFX) instead of a secret. Env: AZURE_CLIENT_CERTIFICATE_PATH.")]
    public string? Certificate { get; init; }

    [CommandOption("--token <TOKEN>")]
    [Description("A ready bearer token (e.g. for a test server); skips Azure.Identity. Env: DAYBREAK_GRAPH_TOKEN.")]
    public string? Token { get; init; }

    [CommandOption("--graph-url <URL>")]
    [Description("Graph base URL with version. Default https://graph.microsoft.com/v1.0.")]
    public string? GraphUrl { get; init; }

    [CommandOption("--max-retries <N>")]
    [Description("Retries per request after 429/503 (Retry-After honoured). Default 5.")]
    public int MaxRetries { get; init; } = 5;

    /// <summary>True when any Graph-only option was given (for verbs that use Graph only in some modes).</summary>
    internal bool AnyGraphOption => (Tenant ?? ClientId ?? ClientSecret ?? Certificate ?? Token ?? GraphUrl) is not null;

    /// <summary>The checks every Graph verb shares; null when they pass.</summary>
    internal string? GraphError() =>
        MaxRetries is < 0 or > 20 ? "--max-retries must be 0-20"
        : GraphUrl is not null && !Uri.TryCreate(GraphUrl, UriKind.Absolute, out _) ? "--graph-url must be an absolute URL"
        : null;
}
