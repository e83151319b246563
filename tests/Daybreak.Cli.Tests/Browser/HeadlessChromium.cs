using System.Diagnostics;

namespace Daybreak.Tests.Browser;

/// <summary>
/// Debian's chromium, run headless from the command line: the DOM after the page has loaded and its timers and
/// error handlers have run (<c>--dump-dom</c> with a virtual time budget), or a screenshot. Each run gets its own
/// profile folder, so tests can run side by side.
/// </summary>
internal sealed class HeadlessChromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private HeadlessChromium(string path) => Path = path;

    public string Path { get; }

    /// <summary>
    /// The browser, or a skip: with CI=true a missing browser fails the test (CI installs it in .ci/run); elsewhere the
    /// test is skipped with a message naming the package.
    /// </summary>
    public static HeadlessChromium Require()
    {
        var path = Find();
        if (path is not null) return new HeadlessChromium(path);
        const string missing = "chromium is not installed (Debian package 'chromium': apt-get install -y chromium)";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(missing + "; CI=true, so the browser tests must run");
        Skip.If(true, missing + "; browser tests skipped");
        throw new InvalidOperationException("unreachable");
    }

    public string DumpDom(string htmlFile, int width = 1280, int height = 900) =>
        Run($"--window-size={width},{height}", "--virtual-time-budget=3000", "--dump-dom", Url(htmlFile));

    public void Screenshot(string htmlFile, string png, int width, int height) =>
        Run($"--window-size={width},{height}", "--hide-scrollbars", $"--screenshot={png}", Url(htmlFile));

    private static string Url(string file) => new Uri(System.IO.Path.GetFullPath(file)).AbsoluteUri;

    private string Run(params string[] args)
    {
        var profile = Directory.CreateTempSubdirectory("daybreak-chromium-");
        try
        {
            var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", $"--user-data-dir={profile.FullName}" }.Concat(args))
                start.ArgumentList.Add(a);
            using var p = Process.Start(start)!;
            var stderr = p.StandardError.ReadToEndAsync();
            var stdout = p.StandardOutput.ReadToEndAsync();
            if (!p.WaitForExit(Timeout))
            {
                p.Kill(entireProcessTree: true);
                Assert.Fail($"chromium did not finish within {Timeout.TotalSeconds} s: {string.Join(' ', args)}");
            }
            Assert.True(p.ExitCode == 0, $"chromium exited with {p.ExitCode}: {stderr.Result}");
            return stdout.Result;
        }
        finally
        {
            try { profile.Delete(recursive: true); } catch (IOException) { } // a helper process may still hold a file for a moment
        }
    }

    private static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                var candidate = System.IO.Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
