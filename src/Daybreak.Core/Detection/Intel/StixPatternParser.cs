using System.Text;
using System.Text.RegularExpressions;

namespace Daybreak.Detection.Intel;

/// <summary>
/// Reads the simple STIX 2.1 patterns threat-intel feeds carry: one observation of equality comparisons joined by OR
/// (<c>[ipv4-addr:value = '203.0.113.7' OR ipv4-addr:value = '198.51.100.2']</c>), and the application form Daybreak
/// writes (<c>[user-account:account_type = 'azure-ad-application' AND user-account:user_id = 'GUID']</c>). Anything else
/// (MATCHES, LIKE, CIDR ranges, several observations, qualifiers) is refused with a reason rather than half-matched.
/// </summary>
public static partial class StixPatternParser
{
    /// <summary>The <c>account_type</c> Daybreak uses for an Entra application (OAuth client) in patterns.</summary>
    public const string AppAccountType = "azure-ad-application";

    [GeneratedRegex(@"(?<obj>[a-z0-9-]+):(?<prop>[a-z0-9_.]+)\s*=\s*'(?<val>(?:[^'\\]|\\.)*)'", RegexOptions.CultureInvariant)]
    private static partial Regex Comparison();

    [GeneratedRegex(@"^\s*(?:(?:OR|AND)\s*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex OnlyJoins();

    public static bool TryParse(string pattern, out List<(IndicatorKind Kind, string Value)> values, out string? error)
    {
        values = [];
        error = null;
        var p = pattern.Trim();
        if (p.Length < 2 || p[0] != '[' || p[^1] != ']' || p.IndexOf('[', 1) >= 0)
        {
            error = "only a single observation [ ... ] is supported";
            return false;
        }
        var inner = p[1..^1];
        var comparisons = Comparison().Matches(inner);
        var rest = Comparison().Replace(inner, " ");
        if (comparisons.Count == 0 || !OnlyJoins().IsMatch(rest))
        {
            error = "only equality comparisons joined by OR are supported";
            return false;
        }
        var hasAnd = inner.Contains(" AND ", StringComparison.Ordinal);
        var hasOr = inner.Contains(" OR ", StringComparison.Ordinal);
        if (hasAnd && hasOr)
        {
            error = "mixed AND and OR are not supported";
            return false;
        }
        var parts = comparisons.Select(m => (Obj: m.Groups["obj"].Value, Prop: m.Groups["prop"].Value, Val: Unescape(m.Groups["val"].Value))).ToList();
        if (hasAnd) return TryApp(parts, values, out error);

        foreach (var (obj, prop, val) in parts)
        {
            IndicatorKind kind;
            switch (obj, prop)
            {
                case ("ipv4-addr" or "ipv6-addr", "value"):
                    if (val.Contains('/')) { error = "CIDR ranges are not supported: " + val; return false; }
                    kind = IndicatorKind.Ip;
                    break;
                case ("domain-name", "value"): kind = IndicatorKind.Domain; break;
                case ("email-addr", "value") or ("user-account", "account_login"): kind = IndicatorKind.Upn; break;
                default: error = $"unsupported comparison {obj}:{prop}"; return false;
            }
            var normal = IndicatorKinds.Normalise(kind, val);
            if (normal is null) { error = $"not a valid {kind.Name()}: {val}"; return false; }
            values.Add((kind, normal));
        }
        return true;
    }

    private static bool TryApp(List<(string Obj, string Prop, string Val)> parts, List<(IndicatorKind, string)> values, out string? error)
    {
        error = null;
        var type = parts.FirstOrDefault(c => c is { Obj: "user-account", Prop: "account_type" }).Val;
        var id = parts.FirstOrDefault(c => c is { Obj: "user-account", Prop: "user_id" }).Val;
        if (parts.Count != 2 || !string.Equals(type, AppAccountType, StringComparison.OrdinalIgnoreCase) || id is null)
        {
            error = $"AND is supported only as user-account:account_type = '{AppAccountType}' AND user-account:user_id = 'APP ID'";
            return false;
        }
        var normal = IndicatorKinds.Normalise(IndicatorKind.App, id);
        if (normal is null) { error = "not an application id: " + id; return false; }
        values.Add((IndicatorKind.App, normal));
        return true;
    }

    /// <summary>A pattern for one value, as Daybreak exports it.</summary>
    public static string For(IndicatorKind kind, string value) => kind switch
    {
        IndicatorKind.Ip => value.Contains(':') ? $"[ipv6-addr:value = '{Escape(value)}']" : $"[ipv4-addr:value = '{Escape(value)}']",
        IndicatorKind.App => $"[user-account:account_type = '{AppAccountType}' AND user-account:user_id = '{Escape(value)}']",
        IndicatorKind.Upn => $"[user-account:account_login = '{Escape(value)}']",
        IndicatorKind.Domain => $"[domain-name:value = '{Escape(value)}']",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);

    private static string Unescape(string value)
    {
        if (!value.Contains('\\')) return value;
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length) i++;
            sb.Append(value[i]);
        }
        return sb.ToString();
    }
}
