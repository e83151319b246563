using Daybreak.Decoders;
using Daybreak.Detection;
using Daybreak.Detection.Sigma;
using Daybreak.Events;
using Daybreak.Rules.Sigma;
using Daybreak.Sources;

namespace Daybreak.Tests.Detection.Sigma;

/// <summary>Decodes record text through the real decoders and runs community rules over it with the repository's mappings/.</summary>
internal static class CommunityTestKit
{
    public static string MappingsDir => Path.Combine(Corpus.RepoRoot, "mappings");

    public static CommunityMappings Mappings { get; } = CommunityMappings.Load(MappingsDir);

    /// <summary>Writes <paramref name="content"/> to a file named <paramref name="fileName"/> and decodes it: every accepted event.</summary>
    public static IReadOnlyList<AuditEvent> Decode(string fileName, string content)
    {
        using var dir = new TempDir();
        var path = dir.Write(fileName, content);
        return DecodeFiles([path]);
    }

    public static IReadOnlyList<AuditEvent> DecodeFiles(IEnumerable<string> paths)
    {
        var decoder = new FileDecoder(NormaliserRegistry.CreateDefault(), new DecodeOptions());
        var events = new List<AuditEvent>();
        foreach (var input in InputExpander.Expand(paths))
        {
            foreach (var result in decoder.Decode(input))
            {
                if (result.Event is { } e) events.Add(e);
            }
        }
        return events;
    }

    /// <summary>The ids of the rules in <paramref name="ruleYaml"/> that match <paramref name="evt"/> through routing and mapping.</summary>
    public static IReadOnlyList<string> Matches(string ruleYaml, AuditEvent evt)
    {
        var engine = SigmaEngine.CreateBuilder().AddYaml(ruleYaml, "test.yml").Build();
        Assert.Empty(engine.Report.Errors);
        var set = CommunitySigma.Create(engine, Mappings);
        var runner = new DetectionRunner([set.Detection]);
        runner.Write(evt);
        runner.Flush();
        Assert.Empty(runner.Errors);
        return runner.Alerts.Select(a => a.Rule).ToArray();
    }
}
