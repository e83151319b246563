using System.ComponentModel;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

/// <summary>Options of the verbs that act on one incident of the case's latest hunt.</summary>
public class IncidentSettings : CaseSettings
{
    [CommandArgument(0, "<INCIDENT>")]
    [Description("Incident id, or a unique prefix of one (see 'daybreak query \"SELECT * FROM incidents\"').")]
    public string Incident { get; init; } = "";
}
