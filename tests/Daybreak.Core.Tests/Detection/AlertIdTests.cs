using System.Security.Cryptography;
using System.Text;
using Daybreak.Detection;

namespace Daybreak.Tests.Detection;

/// <summary>
/// An alert's id names it in case files, reports and exports across versions: it must stay "alert-" and the first 8
/// bytes of SHA-256 over the rule and the evidence ids, one per line, in UTF-8 (broken UTF-16 as the replacement
/// character), however it is computed.
/// </summary>
public sealed class AlertIdTests
{
    private static string Expected(string rule, IReadOnlyList<string> evidence) =>
        "alert-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rule + "\n" + string.Join("\n", evidence))).AsSpan(0, 8));

    private static Alert Make(string rule, IReadOnlyList<string> evidence) =>
        new() { Rule = rule, Title = "t", Time = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), Evidence = evidence };

    [Fact]
    public void Id_is_the_documented_hash_of_rule_and_evidence()
    {
        var rng = new Random(11);
        string Text(int max)
        {
            var chars = new char[rng.Next(max)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = rng.Next(6) switch
                {
                    0 => (char)rng.Next(0x80, 0x800),
                    1 => (char)rng.Next(0xD800, 0xE000), // a surrogate, often unpaired
                    2 => '\n',
                    _ => (char)rng.Next(0x20, 0x7F),
                };
            }
            return new string(chars);
        }

        for (var n = 0; n < 2_000; n++)
        {
            // Up to a few KB of evidence: past the 1 KB buffer kept on the stack.
            var evidence = Enumerable.Range(0, rng.Next(0, 40)).Select(_ => Text(rng.Next(2) == 0 ? 40 : 400)).ToList();
            var rule = rng.Next(4) == 0 ? "" : Text(60);
            Assert.Equal(Expected(rule, evidence), Make(rule, evidence).Id);
        }
        Assert.Equal(Expected("builtin.password-spray", []), Make("builtin.password-spray", []).Id);
    }
}
