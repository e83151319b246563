namespace Daybreak.Rules.Sigma;

/// <summary>The <c>|expand</c> modifier's placeholders, filled from <see cref="SigmaCompileOptions.Placeholders"/>.</summary>
internal static class Placeholders
{
    /// <summary>Expands <c>%name%</c> placeholders (a <c>\%</c> is a plain percent); null when one has no value.</summary>
    public static List<string>? Expand(string raw, IReadOnlyDictionary<string, IReadOnlyList<string>> placeholders, out List<string> missing)
    {
        missing = [];
        var results = new List<string> { string.Empty };
        var i = 0;
        while (i < raw.Length)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length && raw[i + 1] == '%')
            {
                results = results.Select(r => r + "%").ToList();
                i += 2;
                continue;
            }
            if (raw[i] == '%')
            {
                var end = raw.IndexOf('%', i + 1);
                if (end > i + 1)
                {
                    var name = raw[(i + 1)..end];
                    if (placeholders.TryGetValue(name, out var values) && values.Count > 0)
                        results = results.SelectMany(r => values.Select(v => r + v)).ToList();
                    else
                        missing.Add(name);
                    i = end + 1;
                    continue;
                }
            }
            var c = raw[i++];
            results = results.Select(r => r + c).ToList();
        }
        return missing.Count > 0 ? null : results;
    }
}
