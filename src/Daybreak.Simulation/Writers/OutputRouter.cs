using Daybreak.Simulation.Randomness;
using Daybreak.Simulation.Records;

namespace Daybreak.Simulation.Writers;

/// <summary>Sends each record to the writers of every selected format; with Mixed, picks a variant per source and day.</summary>
internal sealed class OutputRouter
{
    private readonly OutputFolder _folder;
    private readonly SimulationOptions _options;
    private readonly Dictionary<(string Tenant, string Variant, string Stream, bool Gzip), IRecordWriter> _writers = [];
    private readonly Dictionary<LogSource, string[]> _variants = [];
    private readonly Dictionary<(string Tenant, LogSource Source, int Day), (string Variant, bool Gzip)> _mixed = [];
    private readonly bool _isMixed;

    public OutputRouter(OutputFolder folder, SimulationOptions options)
    {
        _folder = folder;
        _options = options;
        _isMixed = options.Formats.Contains(OutputFormat.Mixed);
        foreach (var source in Enum.GetValues<LogSource>())
        {
            var list = options.Formats.Where(f => f != OutputFormat.Mixed).SelectMany(f => Variants.For(f, source)).Distinct().ToArray();
            _variants[source] = list.Length > 0 || _isMixed ? list : [Variants.Default(source)];
        }
    }

    public Dictionary<LogSource, long> Counts { get; } = [];

    public void Write(SimRecord r)
    {
        Counts[r.Source] = Counts.GetValueOrDefault(r.Source) + 1;
        foreach (var variant in _variants[r.Source]) Writer(r, variant, false, false).Write(r);
        if (_isMixed)
        {
            var day = (int)(r.Time - _options.Start).TotalDays;
            var key = (r.Tenant.Short, r.Source, day);
            if (!_mixed.TryGetValue(key, out var pick))
            {
                var rng = SimRandom.For(_options.Seed, "mixed:" + r.Tenant.Short, (long)r.Source, day);
                var choices = Variants.Mixed(r.Source);
                pick = (choices[rng.Next(choices.Length)], rng.Chance(0.4));
                _mixed[key] = pick;
            }
            Writer(r, pick.Variant, pick.Gzip, true).Write(r);
        }
    }

    private IRecordWriter Writer(SimRecord r, string variant, bool gzip, bool mixed)
    {
        var stream = Variants.StreamKey(variant, r);
        var key = (r.Tenant.Short + (mixed ? "/mixed" : ""), variant, stream, gzip);
        if (!_writers.TryGetValue(key, out var writer))
        {
            writer = Variants.Create(new WriterSpec(_folder, r.Tenant.Short, r.Tenant.Id, variant, r.Source, stream, gzip, _options.GraphPageSize, mixed));
            _writers[key] = writer;
        }
        return writer;
    }

    /// <summary>Closes writers whose files belong to a finished day so open handles stay bounded.</summary>
    public void EndDay()
    {
        foreach (var w in _writers.Values) w.Close();
    }

    public void Close()
    {
        foreach (var w in _writers.Values) w.Close();
    }
}
