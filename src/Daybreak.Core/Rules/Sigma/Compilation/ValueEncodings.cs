using YamlDotNet.RepresentationModel;

namespace Daybreak.Rules.Sigma;

/// <summary>The value-transforming modifiers (windash, utf16*/wide, base64, base64offset), applied to a value's
/// pattern at compile time so matching only compares text.</summary>
internal static class ValueEncodings
{
    /// <summary>Applies the value-transforming modifiers in the order the rule gives them.</summary>
    public static List<SigmaPattern> Apply(YamlScalarNode node, SigmaPattern pattern, SigmaModifiers modifiers)
    {
        var states = new List<(SigmaPattern Pattern, byte[]? Bytes)> { (pattern, null) };
        foreach (var modifier in modifiers.Ordered)
        {
            switch (modifier)
            {
                case "windash":
                    states = states.Select(s => (s.Pattern.WithWindash(), s.Bytes)).ToList();
                    break;
                case "utf16le" or "wide":
                    states = states.Select(s => (s.Pattern, (byte[]?)System.Text.Encoding.Unicode.GetBytes(Plain(node, s.Pattern, modifier)))).ToList();
                    break;
                case "utf16be":
                    states = states.Select(s => (s.Pattern, (byte[]?)System.Text.Encoding.BigEndianUnicode.GetBytes(Plain(node, s.Pattern, modifier)))).ToList();
                    break;
                case "utf16":
                    states = states.Select(s => (s.Pattern, (byte[]?)[0xFF, 0xFE, .. System.Text.Encoding.Unicode.GetBytes(Plain(node, s.Pattern, modifier))])).ToList();
                    break;
                case "base64":
                    states = states.Select(s => (SigmaPattern.Literal(Convert.ToBase64String(s.Bytes ?? System.Text.Encoding.UTF8.GetBytes(Plain(node, s.Pattern, modifier)))), (byte[]?)null)).ToList();
                    break;
                case "base64offset":
                    states = states.SelectMany(s => Base64Offsets(s.Bytes ?? System.Text.Encoding.UTF8.GetBytes(Plain(node, s.Pattern, modifier)))
                        .Select(v => (SigmaPattern.Literal(v), (byte[]?)null))).ToList();
                    break;
            }
        }
        // An encoding without base64 afterwards leaves raw bytes: match them as the characters they would read as.
        return states.Select(s => s.Bytes is null ? s.Pattern : SigmaPattern.Literal(System.Text.Encoding.Latin1.GetString(s.Bytes))).ToList();
    }

    private static string Plain(YamlScalarNode node, SigmaPattern pattern, string modifier) => pattern.HasWildcards
        ? throw new SigmaRuleException(node.Start, $"'{modifier}' cannot encode a value with wildcards")
        : pattern.LiteralText;

    /// <summary>The three shifted encodings with their unstable first and last characters cut off (pySigma's algorithm).</summary>
    public static IEnumerable<string> Base64Offsets(byte[] value)
    {
        int[] startOffsets = [0, 2, 3];
        int?[] endOffsets = [null, -3, -2];
        for (var i = 0; i < 3; i++)
        {
            var shifted = new byte[i + value.Length];
            for (var j = 0; j < i; j++) shifted[j] = (byte)' ';
            value.CopyTo(shifted, i);
            var encoded = Convert.ToBase64String(shifted);
            var end = endOffsets[(value.Length + i) % 3] is { } e ? encoded.Length + e : encoded.Length;
            var start = startOffsets[i];
            yield return end > start ? encoded[start..end] : string.Empty;
        }
    }
}
