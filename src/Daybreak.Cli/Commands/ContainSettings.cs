using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

public sealed class ContainSettings : IncidentSettings
{
    [CommandOption("--json")]
    [Description("The plan (and, with --execute, each step's result) as JSON.")]
    public bool Json { get; init; }

    [CommandOption("--execute")]
    [Description("Send the Graph requests. Without it, nothing is sent (dry run).")]
    public bool Execute { get; init; }

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

    [CommandOption("--exclude <ID>")]
    [Description("A user (id or UPN), app id or service principal id to leave alone. Repeatable.")]
    public string[] Exclude { get; init; } = [];

    [CommandOption("--restrict-group <NAME>")]
    [Description("Empty mail-enabled security group the Exchange Application Access Policy restricts attacker apps to.")]
    public string RestrictGroup { get; init; } = "Daybreak-Containment-NoMailboxes";

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Incident) ? ValidationResult.Error("give an incident id")
        : MaxRetries is < 0 or > 20 ? ValidationResult.Error("--max-retries must be 0-20")
        : GraphUrl is not null && !Uri.TryCreate(GraphUrl, UriKind.Absolute, out _) ? ValidationResult.Error("--graph-url must be an absolute URL")
        : !Execute && (Token ?? ClientSecret ?? Certificate) is not null ? ValidationResult.Error("credentials are only used with --execute")
        : ValidationResult.Success();
}
