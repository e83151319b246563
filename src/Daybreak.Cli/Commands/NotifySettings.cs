using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

public sealed class NotifySettings : IncidentSettings
{
    [CommandOption("--preview")]
    [Description("Write the drafts (text and HTML per recipient) to --out for review; nothing is sent.")]
    public bool Preview { get; init; }

    [CommandOption("--send")]
    [Description("Queue the notices in the case and deliver the unsent ones over SMTP.")]
    public bool Send { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Folder for --preview drafts.")]
    public string? Out { get; init; }

    [CommandOption("--templates <DIR>")]
    [Description("Folder with subject.txt, notice.txt, notice.html (default: the shipped templates/notices).")]
    public string? Templates { get; init; }

    [CommandOption("--contact <TEXT>")]
    [Description("Whom employees should contact, as written in the notice.")]
    public string Contact { get; init; } = "your security team";

    [CommandOption("--organisation <TEXT>")]
    [Description("Organisation name signed under the notice.")]
    public string Organisation { get; init; } = "";

    [CommandOption("--internal-domain <DOMAIN>")]
    [Description("A domain whose addresses are not external correspondents (the mailbox owners' domains always are internal). Repeatable.")]
    public string[] InternalDomains { get; init; } = [];

    [CommandOption("--message-trace <CSV>")]
    [Description("Message trace export (MessageId, SenderAddress, RecipientAddress, Subject) for subjects and external correspondents.")]
    public string? MessageTrace { get; init; }

    [CommandOption("--smtp-host <HOST>")]
    [Description("SMTP server. Env: DAYBREAK_SMTP_HOST.")]
    public string? SmtpHost { get; init; }

    [CommandOption("--smtp-port <PORT>")]
    [Description("SMTP port. Env: DAYBREAK_SMTP_PORT. Default 587.")]
    public int? SmtpPort { get; init; }

    [CommandOption("--smtp-tls <MODE>")]
    [Description("starttls (default), ssl, auto or none. Env: DAYBREAK_SMTP_TLS.")]
    public string? SmtpTls { get; init; }

    [CommandOption("--smtp-user <USER>")]
    [Description("SMTP user. Env: DAYBREAK_SMTP_USER.")]
    public string? SmtpUser { get; init; }

    [CommandOption("--smtp-password <PASSWORD>")]
    [Description("SMTP password. Prefer the env var DAYBREAK_SMTP_PASSWORD: a command line is visible to other users.")]
    public string? SmtpPassword { get; init; }

    [CommandOption("--from <ADDRESS>")]
    [Description("Sender address. Env: DAYBREAK_SMTP_FROM.")]
    public string? From { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Incident) ? ValidationResult.Error("give an incident id")
        : Preview == Send ? ValidationResult.Error("choose --preview (drafts) or --send (deliver)")
        : Preview && string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--preview needs --out DIR")
        : ValidationResult.Success();
}
