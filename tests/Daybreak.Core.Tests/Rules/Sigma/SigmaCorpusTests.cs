using System.Diagnostics;
using System.Text.RegularExpressions;
using Daybreak.Rules.Sigma;
using Xunit.Abstractions;

namespace Daybreak.Tests.Rules.Sigma;

/// <summary>The whole SigmaHQ rule set and the specification's examples must load, or say exactly where and why not.</summary>
public sealed class SigmaCorpusTests(ITestOutputHelper output)
{
    /// <summary>SigmaHQ rules that are invalid per the specification, by file name, with the reason. Keep it empty if possible.</summary>
    private static readonly Dictionary<string, string> KnownInvalid = new(StringComparer.Ordinal);

    [SkippableFact]
    public void Every_sigmahq_rule_loads_and_compiles()
    {
        var root = Corpus.RequireCorpus("sigma");
        var files = Directory.EnumerateFiles(root, "*.yml", SearchOption.AllDirectories).ToList();
        var expectedDocuments = files.Sum(CountDocuments);

        var watch = Stopwatch.StartNew();
        var engine = SigmaEngine.CreateBuilder().AddDirectory(root).Build();
        watch.Stop();
        var report = engine.Report;
        output.WriteLine($"{report}; load+compile {watch.ElapsedMilliseconds} ms, compile {report.CompileTime.TotalMilliseconds:F0} ms");
        foreach (var error in report.Errors) output.WriteLine("ERROR " + error);
        foreach (var group in report.Warnings.GroupBy(w => Regex.Replace(w.Reason, "'[^']*'|%[^%]*%", "…"))) output.WriteLine($"WARN x{group.Count()} {group.Key}");

        Assert.Equal(3952, files.Count);
        Assert.Equal(expectedDocuments, report.Documents);
        Assert.Equal(report.Documents, report.Loaded + report.Failed);
        Assert.All(report.Errors, e =>
        {
            Assert.False(string.IsNullOrEmpty(e.File));
            Assert.True(e.Line > 0 && e.Column > 0, $"no position: {e}");
            Assert.False(string.IsNullOrWhiteSpace(e.Reason));
        });
        var unexpected = report.Errors.Where(e => !KnownInvalid.ContainsKey(Path.GetFileName(e.File))).ToList();
        Assert.True(unexpected.Count == 0, "unexpected failures:\n" + string.Join("\n", unexpected));
        Assert.True(report.CompileTime < TimeSpan.FromSeconds(5), $"compile took {report.CompileTime}");
    }

    [SkippableFact]
    public void Specification_examples_load()
    {
        var root = Corpus.Require("specs/sigma/tests");
        var engine = SigmaEngine.CreateBuilder().AddDirectory(root).Build();
        output.WriteLine(engine.Report.ToString());
        foreach (var warning in engine.Report.Warnings) output.WriteLine("WARN " + warning);
        Assert.True(engine.Report.Failed == 0, string.Join("\n", engine.Report.Errors));
        Assert.Equal(12, engine.Report.Loaded);
        Assert.Equal(8, engine.Correlations.Count);
    }

    [Fact]
    public void Broken_documents_are_reported_with_position_and_do_not_stop_the_others()
    {
        const string yaml = """
            title: good
            logsource: { product: test }
            detection:
                selection: { a: 1 }
                condition: selection
            ---
            title: bad modifier
            logsource: { product: test }
            detection:
                selection:
                    a|nosuchmodifier: 1
                condition: selection
            ---
            title: bad condition
            logsource: { product: test }
            detection:
                selection: { a: 1 }
                condition: selection and missing
            ---
            logsource: { product: test }
            detection:
                selection: { a: 1 }
                condition: selection
            """;
        var engine = SigmaEngine.CreateBuilder().AddYaml(yaml, "multi.yml").AddYaml("title: [unclosed", "broken.yml").Build();
        var report = engine.Report;
        Assert.Equal(5, report.Documents);
        Assert.Equal(1, report.Loaded);
        Assert.Equal(4, report.Failed);
        Assert.Contains(report.Errors, e => e.File == "multi.yml" && e.Line == 11 && e.Reason.Contains("nosuchmodifier"));
        Assert.Contains(report.Errors, e => e.File == "multi.yml" && e.Line == 18 && e.Reason.Contains("missing"));
        Assert.Contains(report.Errors, e => e.File == "multi.yml" && e.Line == 20 && e.Reason.Contains("title"));
        Assert.Contains(report.Errors, e => e.File == "broken.yml" && e.Line >= 1 && e.Reason.Contains("YAML"));
    }

    private static int CountDocuments(string file)
    {
        var lines = File.ReadAllLines(file);
        var separators = lines.Count(l => l.TrimEnd() == "---");
        var leading = lines.SkipWhile(l => l.Trim().Length == 0 || l.TrimStart().StartsWith('#')).FirstOrDefault()?.TrimEnd() == "---" ? 1 : 0;
        return separators + 1 - leading;
    }
}
