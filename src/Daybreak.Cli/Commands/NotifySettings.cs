using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

public sealed class NotifySettings : GraphIncidentSettings
{
    [CommandOption("--preview")]
    [Description("Write the drafts (text and HTML per recipient) to --out for review; nothing is sent.")]
    public bool Preview { get; init; }

    [CommandOption("--send")]
    [Description("Queue the notices in the case and deliver the unsent ones (over SMTP, or Graph with --via graph).")]
    public bool Send { get; init; }

    [CommandOption("--via <TRANSPORT>")]
    [Description("smtp (default: MailKit to --smtp-host) or graph (POST /users/{--from}/sendMail, with --token or --tenant/--client-id..., as for contain --execute).")]
    public string Via { get; init; } = "smtp";

    [CommandOption("--unconfirmed <ACTION>")]
    [Description("Notices whose earlier send got no recorded answer: hold (default: report them), resend, or sent (you found them delivered).")]
    public string Unconfirmed { get; init; } = "hold";

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
    [Description("Sender address; with --via graph, the mailbox that sends (UPN or address). Env: DAYBREAK_NOTICE_FROM, or DAYBREAK_SMTP_FROM for SMTP.")]
    public string? From { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Incident) ? ValidationResult.Error("give an incident id")
        : Preview == Send ? ValidationResult.Error("choose --preview (drafts) or --send (deliver)")
        : Preview && string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--preview needs --out DIR")
        : Via is not ("smtp" or "graph") ? ValidationResult.Error("--via is smtp or graph")
        : Unconfirmed is not ("hold" or "resend" or "sent") ? ValidationResult.Error("--unconfirmed is hold, resend or sent")
        : GraphError() is { } error ? ValidationResult.Error(error)
        : Via != "graph" && AnyGraphOption ? ValidationResult.Error("the Graph options (--token, --graph-url, --tenant...) are only used with --via graph")
        : Via == "graph" && ((SmtpHost ?? SmtpTls ?? SmtpUser ?? SmtpPassword) is not null || SmtpPort is not null) ? ValidationResult.Error("the --smtp-* options are not used with --via graph")
        : ValidationResult.Success();
}
