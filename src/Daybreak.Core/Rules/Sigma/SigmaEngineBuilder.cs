namespace Daybreak.Rules.Sigma;

/// <summary>Collects rule sources and options, then builds a <see cref="SigmaEngine"/> once (Serilog/Polly style).</summary>
public sealed class SigmaEngineBuilder
{
    private readonly List<Func<SigmaLoadResult>> _sources = [];
    private SigmaCompileOptions _options = new();

    /// <summary>Adds every .yml/.yaml file under a folder, recursively.</summary>
    public SigmaEngineBuilder AddDirectory(string directory)
    {
        _sources.Add(() => SigmaRuleLoader.LoadDirectory(directory));
        return this;
    }

    public SigmaEngineBuilder AddFile(string path)
    {
        _sources.Add(() => SigmaRuleLoader.LoadFile(path));
        return this;
    }

    /// <summary>Adds rules from YAML text (one or several documents); <paramref name="sourceName"/> names it in diagnostics.</summary>
    public SigmaEngineBuilder AddYaml(string yaml, string sourceName = "<text>")
    {
        _sources.Add(() => SigmaRuleLoader.LoadText(yaml, sourceName));
        return this;
    }

    /// <summary>Adds rules already loaded elsewhere.</summary>
    public SigmaEngineBuilder AddLoaded(SigmaLoadResult loaded)
    {
        _sources.Add(() => loaded);
        return this;
    }

    public SigmaEngineBuilder WithPlaceholders(IReadOnlyDictionary<string, IReadOnlyList<string>> placeholders)
    {
        _options = new SigmaCompileOptions
        {
            Placeholders = new Dictionary<string, IReadOnlyList<string>>(placeholders, StringComparer.OrdinalIgnoreCase),
            RegexTimeout = _options.RegexTimeout,
        };
        return this;
    }

    public SigmaEngineBuilder WithOptions(SigmaCompileOptions options)
    {
        _options = options;
        return this;
    }

    /// <summary>Loads and compiles everything. Never throws for a bad rule: see <see cref="SigmaEngine.Report"/>.</summary>
    public SigmaEngine Build()
    {
        var loaded = new SigmaLoadResult();
        foreach (var source in _sources) loaded.Merge(source());
        return SigmaEngine.Compile(loaded, _options);
    }
}
