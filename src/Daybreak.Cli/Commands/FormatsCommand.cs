using System.ComponentModel;
using System.Text.Encodings.Web;
using System.Text.Json;
using Daybreak.Cli.Infrastructure;
using Daybreak.Decoders;
using Daybreak.Decoders.Containers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Daybreak.Cli.Commands;

/// <summary><c>daybreak formats</c>: every supported log format, with a short real example of each.</summary>
internal sealed class FormatsCommand(CliEnvironment env) : Command<FormatsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--json")]
        [Description("List the formats as JSON.")]
        public bool Json { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var registry = NormaliserRegistry.CreateDefault();
        var formats = registry.Normalisers.SelectMany(n => n.Formats.Select(f => (n.Family, Format: f)))
            .Concat(ContainerFormats.All.Select(f => (Family: ContainerFormats.Family, Format: f))).ToList();
        if (settings.Json)
        {
            var json = JsonSerializer.Serialize(
                formats.Select(f => new { family = f.Family, name = f.Format.Name, description = f.Format.Description, example = f.Format.Example }),
                new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            env.Out.WriteLine(json);
            return ExitCodes.Completed;
        }
        foreach (var (family, format) in formats)
        {
            env.Console.MarkupLine($"[bold]{Markup.Escape(format.Name)}[/] [grey]({Markup.Escape(family)})[/]  {Markup.Escape(format.Description)}");
            env.Console.WriteLine("    " + format.Example.ReplaceLineEndings("\n    "));
            env.Console.WriteLine();
        }
        // Escaped: the text holds JSON brackets, which markup would read as a style tag.
        env.Console.MarkupLine("[grey]" + Markup.Escape("Containers detected from content: JSON (array, {\"value\":[...]}, {\"records\":[...]}, single object), NDJSON, CSV, Logs query API results; gzip and UTF-16 anywhere. --format NAME forces a family or format.") + "[/]");
        return ExitCodes.Completed;
    }
}
