using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Daybreak.Reporting.IncidentReports.Clocks;

/// <summary>
/// The clocks a report runs: the defaults, changed by a clocks file (YAML), then by <c>--clock</c> options. A clock
/// of the same name (case-insensitive) is replaced; a business-day clock that replaces another without naming a
/// calendar keeps the one it replaces, so redefining the SEC clock does not silently drop US federal holidays.
/// </summary>
/// <example>
/// <code>
/// clocks:
///   - name: SEC Form 8-K (Item 1.05)     # a default: only its calendar changes
///     add_holidays: [2025-01-09]          # a one-off federal closing
///   - name: UK ICO
///     deadline: 3bd                       # 72h, 30d, 4bd
///     from: awareness                     # or materiality
///     holidays: [2025-12-25, 2025-12-26]  # replaces the calendar: names (us-federal, none) and dates
/// </code>
/// </example>
public static class ClockConfiguration
{
    /// <summary>Adds or replaces <paramref name="given"/> clocks in <paramref name="clocks"/>, by name.</summary>
    public static IReadOnlyList<RegulatoryClock> Apply(IReadOnlyList<RegulatoryClock> clocks, IEnumerable<RegulatoryClock> given)
    {
        var list = clocks.ToList();
        foreach (var clock in given)
        {
            var i = list.FindIndex(c => string.Equals(c.Name, clock.Name, StringComparison.OrdinalIgnoreCase));
            if (i < 0) { list.Add(clock); continue; }
            var old = list[i];
            list[i] = clock.Unit == ClockUnit.BusinessDays && !clock.HolidaysGiven && old.Unit == ClockUnit.BusinessDays
                ? clock with { Holidays = old.Holidays } : clock;
        }
        return list;
    }

    /// <summary>Applies a clocks file (YAML, see the example above) to <paramref name="clocks"/>.</summary>
    /// <exception cref="ClockConfigurationException">The file is not valid YAML or names an unknown field, calendar or clock.</exception>
    public static IReadOnlyList<RegulatoryClock> ApplyFile(IReadOnlyList<RegulatoryClock> clocks, string yaml, string fileName)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlException ex) { throw Error(fileName, ex.Start, ex.Message); }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root || Get(root, "clocks") is not YamlSequenceNode entries)
            throw new ClockConfigurationException($"{fileName}: expected a mapping with a 'clocks' list");
        var list = clocks.ToList();
        foreach (var node in entries.Children)
        {
            if (node is not YamlMappingNode entry) throw Error(fileName, node.Start, "each clock is a mapping with name, deadline, from, holidays, add_holidays");
            foreach (var (key, _) in entry.Children)
            {
                var k = (key as YamlScalarNode)?.Value;
                if (k is not ("name" or "deadline" or "from" or "holidays" or "add_holidays")) throw Error(fileName, key.Start, $"unknown field '{k}'");
            }
            var name = Scalar(entry, "name", fileName) ?? throw Error(fileName, entry.Start, "a clock needs a name");
            var existing = list.FindIndex(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
            RegulatoryClock clock;
            if (Scalar(entry, "deadline", fileName) is { } deadline)
            {
                var from = Scalar(entry, "from", fileName) ?? "awareness";
                if (!RegulatoryClock.TryParse($"{name}={deadline}@{from}", out var parsed, out _))
                    throw Error(fileName, entry.Start, $"clock '{name}': deadline '{deadline}' from '{from}' is not a duration like 72h, 30d or 4bd from awareness or materiality");
                clock = parsed!;
                if (existing >= 0 && clock.Unit == ClockUnit.BusinessDays && list[existing].Unit == ClockUnit.BusinessDays)
                    clock = clock with { Holidays = list[existing].Holidays };
            }
            else
            {
                if (existing < 0) throw Error(fileName, entry.Start, $"clock '{name}' has no deadline and there is no clock of that name to change");
                if (Get(entry, "from") is not null) throw Error(fileName, entry.Start, $"clock '{name}': 'from' needs a deadline");
                clock = list[existing];
            }
            if (Calendar(entry, "holidays", fileName) is { } replace) clock = clock with { Holidays = replace, HolidaysGiven = true };
            if (Calendar(entry, "add_holidays", fileName) is { } add) clock = clock with { Holidays = clock.Holidays.With(add), HolidaysGiven = true };
            if (clock.Unit != ClockUnit.BusinessDays && clock.HolidaysGiven) throw Error(fileName, entry.Start, $"clock '{name}': holidays apply to business-day clocks (bd) only");
            if (existing >= 0) list[existing] = clock;
            else list.Add(clock);
        }
        return list;
    }

    private static HolidayCalendar? Calendar(YamlMappingNode entry, string key, string fileName)
    {
        var node = Get(entry, key);
        if (node is null) return null;
        var items = node switch
        {
            YamlScalarNode s => [s.Value ?? ""],
            YamlSequenceNode seq => seq.Children.Select(c => (c as YamlScalarNode)?.Value ?? throw Error(fileName, c.Start, $"'{key}' items are calendar names or dates")).ToList(),
            _ => throw Error(fileName, node.Start, $"'{key}' is a calendar name, a date or a list of them"),
        };
        return HolidayCalendar.TryParse(items, out var calendar, out var error) ? calendar : throw Error(fileName, node.Start, error!);
    }

    private static string? Scalar(YamlMappingNode map, string key, string fileName) => Get(map, key) switch
    {
        null => null,
        YamlScalarNode s => string.IsNullOrWhiteSpace(s.Value) ? null : s.Value.Trim(),
        var other => throw Error(fileName, other.Start, $"'{key}' must be a single value"),
    };

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode s && s.Value == key).Value;

    private static ClockConfigurationException Error(string fileName, Mark at, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{fileName}:{at.Line}:{at.Column}: {message}"));
}
