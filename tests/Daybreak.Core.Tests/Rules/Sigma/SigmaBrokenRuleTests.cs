using Daybreak.Rules.Sigma;

namespace Daybreak.Tests.Rules.Sigma;

/// <summary>
/// Rules are files responders bring: a broken one is reported with file and reason, and never stops the loading of
/// the others. The two texts below are what a fuzzing run boiled down to; each once ended `rules check` (and any hunt
/// given the folder) with an error from the YAML library that was not its YamlException.
/// </summary>
public sealed class SigmaBrokenRuleTests
{
    private const string Good = """
        title: Good rule
        id: 9a3f1f3e-0000-4000-8000-000000000001
        logsource:
            product: azure
            service: signinlogs
        detection:
            selection:
                ResultType: 50126
            condition: selection
        """;

    [Theory]
    [InlineData("            - : \\\\'\\explorer.exe'        # dcomexec ShellBrowserWindow")]
    [InlineData("status: test\n{description: Detects the execution of a renamed version of the Plink binary\nlevel: high")]
    public void Yaml_the_library_fails_on_in_its_own_way_is_reported_as_invalid_yaml(string yaml)
    {
        var result = SigmaRuleLoader.LoadText(yaml, "broken.yml");
        var error = Assert.Single(result.Errors);
        Assert.Equal("broken.yml", error.File);
        Assert.StartsWith("invalid YAML: ", error.Reason);
        Assert.Empty(result.Rules);
    }

    [Fact]
    public void A_folder_with_broken_rules_still_loads_the_good_ones()
    {
        using var dir = new TempDir();
        dir.Write("a-broken.yml", "status: test\n{description: x\nlevel: high");
        dir.Write("b-good.yml", Good);
        dir.Write("c-broken.yml", "            - : \\\\'\\explorer.exe'");
        var result = SigmaRuleLoader.LoadDirectory(dir.Path);
        Assert.Equal("Good rule", Assert.Single(result.Rules).Title);
        Assert.Equal(["a-broken.yml", "c-broken.yml"], result.Errors.Select(e => Path.GetFileName(e.File)));
    }

    [Fact]
    public void Damaged_rules_load_or_are_reported_and_never_throw()
    {
        // Seeded damage to a good rule (pieces of Sigma's grammar and YAML's inserted, text deleted, lines swapped),
        // loaded and compiled as a hunt would: each either loads or is an error naming its file.
        string[] pieces =
        [
            "|re", "|base64offset|contains", "|cidr", "|expand", "|fieldref", "|gt", "|windash", "|all", " 1 of them",
            " all of selection*", " not (", ")", " and", " or", "\n    - ", ": null", ": '*'", ": '(?i)(a|'", ": 1e309", ": []",
            ": {}", "\t", "&anchor", "*alias", "!!binary", "---\n", "%", "|", "'", "\"", "[", "{", "selection|", "|re|i|m|s",
        ];
        var random = new Random(53);
        using var dir = new TempDir();
        for (var i = 0; i < 400; i++)
        {
            var text = Good;
            for (var m = 0; m < 1 + random.Next(3); m++)
            {
                var at = random.Next(text.Length + 1);
                text = random.Next(3) switch
                {
                    0 => text[..at] + pieces[random.Next(pieces.Length)] + text[at..],
                    1 => text[..at] + text[Math.Min(text.Length, at + 1 + random.Next(20))..],
                    _ => SwapLines(text, random),
                };
            }
            dir.Write($"r{i:D3}.yml", text);
        }
        var loaded = SigmaRuleLoader.LoadDirectory(dir.Path);
        Assert.Equal(400, loaded.Files);
        Assert.All(loaded.Errors, e => Assert.StartsWith("r", Path.GetFileName(e.File)));
        var engine = new SigmaEngineBuilder().AddDirectory(dir.Path).Build();
        // Every document either loads or is an error: none is lost, and the damage left some of each.
        Assert.Equal(engine.Report.Documents, engine.Report.Loaded + engine.Report.Failed);
        Assert.True(engine.Report.Loaded > 0 && engine.Report.Failed > 0, $"{engine.Report.Loaded} loaded, {engine.Report.Failed} failed");
    }

    private static string SwapLines(string text, Random random)
    {
        var lines = text.Split('\n');
        var (a, b) = (random.Next(lines.Length), random.Next(lines.Length));
        (lines[a], lines[b]) = (lines[b], lines[a]);
        return string.Join('\n', lines);
    }
}
