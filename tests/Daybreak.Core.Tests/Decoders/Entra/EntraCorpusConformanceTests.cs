namespace Daybreak.Tests.Decoders.Entra;

/// <summary>Every Entra, Graph activity and Identity Protection record in the shared corpus decodes, none rejected.</summary>
public sealed class EntraCorpusConformanceTests
{
    public static TheoryData<string, int> Files => new()
    {
        { "elastic-integrations/packages/azure/data_stream/signinlogs/_dev/test/pipeline/test-signinlogs-raw.log", 5 },
        { "elastic-integrations/packages/azure/data_stream/auditlogs/_dev/test/pipeline/test-auditlogs-raw.log", 3 },
        { "elastic-integrations/packages/azure/data_stream/graphactivitylogs/_dev/test/pipeline/test-activitylogs-raw.log", 6 },
        { "elastic-integrations/packages/azure/data_stream/identity_protection/_dev/test/pipeline/test-rickyusers-raw.log", 2 },
        { "azure-sentinel/Solutions/Training/Azure-Sentinel-Training-Lab/Artifacts/Telemetry/sign-in_adelete.first3rows.csv", 3 },
        { "otrf-security-datasets/datasets/compound/GoldenSAMLADFSMailAccess/AADAuditEvents.json", 4 },
    };

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void Corpus_file_decodes_with_zero_rejections(string relative, int records)
    {
        var decoded = Decoded.File(Corpus.RequireCorpus(relative));

        Assert.Equal(records, decoded.Clean().Count);
    }

    [SkippableFact]
    public void Every_file_under_the_elastic_azure_package_is_covered()
    {
        var root = Corpus.RequireCorpus("elastic-integrations/packages/azure");
        var listed = Files.Select(row => Path.GetFullPath(Corpus.RequireCorpus((string)row[0]))).ToHashSet();

        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories);

        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.Contains(Path.GetFullPath(f), listed));
    }
}
