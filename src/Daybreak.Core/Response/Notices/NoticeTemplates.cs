using System.Reflection;
using System.Text.RegularExpressions;

namespace Daybreak.Response.Notices;

/// <summary>
/// The subject, plain-text and HTML templates of a notice: <c>subject.txt</c>, <c>notice.txt</c>, <c>notice.html</c>.
/// Placeholders are <c>{{name}}</c>; every value is inserted escaped for where it goes (HTML-encoded in the HTML
/// part), in one pass, so a value from the logs can neither add markup nor expand another placeholder. A template
/// naming an unknown placeholder is refused when loaded, not sent with a hole in it.
/// </summary>
public sealed partial class NoticeTemplates
{
    public static readonly IReadOnlyList<string> Names =
    [
        "recipient", "incident_id", "incident_title", "first_access", "last_access", "message_count", "operations", "size",
        "folders_synced", "unknown_windows", "messages", "apps", "external_correspondents", "contact", "organisation",
    ];

    public const string SubjectFile = "subject.txt";
    public const string TextFile = "notice.txt";
    public const string HtmlFile = "notice.html";

    private NoticeTemplates(string subject, string text, string html)
    {
        Subject = subject;
        Text = text;
        Html = html;
    }

    public string Subject { get; }

    public string Text { get; }

    public string Html { get; }

    /// <summary>The templates in <paramref name="dir"/>, or the defaults shipped in templates/notices/ when null.</summary>
    public static NoticeTemplates Load(string? dir)
    {
        var t = new NoticeTemplates(Read(dir, SubjectFile).Trim(), Read(dir, TextFile), Read(dir, HtmlFile));
        var unknown = new[] { t.Subject, t.Text, t.Html }.SelectMany(s => Placeholder().Matches(s).Select(m => m.Groups[1].Value))
            .Where(n => !Names.Contains(n)).Distinct().ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"notice templates name unknown placeholders: {string.Join(", ", unknown)} (known: {string.Join(", ", Names)})");
        return t;
    }

    /// <summary>Fills a template; <paramref name="value"/> returns each placeholder's value already escaped for the template's format.</summary>
    public static string Render(string template, Func<string, string> value) =>
        Placeholder().Replace(template, m => value(m.Groups[1].Value));

    private static string Read(string? dir, string name)
    {
        if (dir is not null)
        {
            var path = Path.Combine(dir, name);
            if (!File.Exists(path)) throw new ArgumentException($"template {name} not found in {dir}");
            return File.ReadAllText(path);
        }
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Daybreak.Templates.Notices." + name)
            ?? throw new InvalidOperationException("default template missing: " + name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z_]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
