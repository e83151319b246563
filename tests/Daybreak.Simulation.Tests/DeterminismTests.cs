using System.Security.Cryptography;
using Daybreak.Simulation;
using Daybreak.Tests.Support;

namespace Daybreak.Tests;

public sealed class DeterminismTests
{
    [Fact]
    public void Same_arguments_give_byte_identical_output()
    {
        var a = Path.Combine(Path.GetTempPath(), "daybreak-det-" + Guid.NewGuid().ToString("N"));
        var b = Path.Combine(Path.GetTempPath(), "daybreak-det-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = SimulationRun.Options();
            options.Days = 2;
            new TenantSimulator(options).Run(a);
            new TenantSimulator(options).Run(b);
            Assert.Equal(Hash(a), Hash(b));

            options.Seed = 43;
            var c = b + "-c";
            new TenantSimulator(options).Run(c);
            Assert.NotEqual(Hash(a), Hash(c));
            Directory.Delete(c, true);
        }
        finally
        {
            if (Directory.Exists(a)) Directory.Delete(a, true);
            if (Directory.Exists(b)) Directory.Delete(b, true);
        }
    }

    private static string Hash(string root)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(file));
            sha.AppendData(File.ReadAllBytes(Path.Combine(root, file)));
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
