using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Daybreak.Decoders;
using Daybreak.Decoders.Ual;
using Daybreak.Sources;

namespace Daybreak.Tests.Decoders.Ual;

/// <summary>The shortcuts taken for speed must agree with what they replaced.</summary>
public sealed class UalFastPathAgreementTests
{
    [Theory]
    [InlineData("2024-01-12T03:04:05")]
    [InlineData("2024-01-12T03:04:05Z")]
    [InlineData("2024-01-12T03:04:05.1Z")]
    [InlineData("2024-01-12T03:04:05.1234567")]
    [InlineData("2024-01-12T03:04:05.12345678Z")]
    [InlineData("2024-02-29T23:59:59.9999999Z")]
    [InlineData("2023-02-29T00:00:00")]
    [InlineData("2024-01-12T24:00:00")]
    [InlineData("2024-13-01T00:00:00")]
    [InlineData("0001-01-01T00:00:00")]
    [InlineData("2024-01-12T03:04:05+02:00")]
    [InlineData("2024-01-12T03:04:05.Z")]
    [InlineData("2024-01-12T03:04:05z")]
    [InlineData(" 2024-01-12T03:04:05Z ")]
    [InlineData("2024-01-12T03:04:60")]
    [InlineData("2023-11-20T00:00:00.0000000+00:00")]
    [InlineData("2024-01-12T03:04:05-05:30")]
    [InlineData("2024-01-12T03:04:05+14:00")]
    [InlineData("2024-01-12T03:04:05-14:00")]
    [InlineData("2024-01-12T03:04:05+14:01")]
    [InlineData("2024-01-12T03:04:05+00:60")]
    [InlineData("2024-01-12T03:04:05+0100")]
    [InlineData("2024-01-12T03:04:05Z+01:00")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("0001-01-01T00:59:59-01:00")]
    [InlineData("9999-12-31T23:59:59.9999999-00:01")]
    [InlineData("9999-12-31T23:30:00+00:30")]
    public void Iso_times_parse_as_the_general_parser_reads_them(string text)
    {
        var expected = DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso);

        var parsed = Timestamps.TryParse(text, out var utc);

        Assert.Equal(expected, parsed);
        if (expected)
        {
            Assert.Equal(iso.UtcDateTime, utc);
            Assert.Equal(DateTimeKind.Utc, utc.Kind);
        }
        // From UTF-8 bytes (UAL CreationTime): what is read there is read the same; the rest is declined, for the text
        // path above.
        if (Timestamps.TryParseIsoUtf8(System.Text.Encoding.UTF8.GetBytes(text), out var fromBytes))
        {
            Assert.True(parsed);
            Assert.Equal(utc, fromBytes);
            Assert.Equal(DateTimeKind.Utc, fromBytes.Kind);
        }
    }

    [Fact]
    public void Generated_iso_times_with_and_without_offsets_parse_as_the_general_parser_reads_them()
    {
        var random = new Random(11);
        string Two(int max) => random.Next(max + 1).ToString("00", CultureInfo.InvariantCulture);
        var read = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var year = random.Next(4) switch { 0 => 1, 1 => 9999, _ => random.Next(1, 10_000) };
            var text = $"{year:0000}-{Two(13)}-{Two(32)}T{Two(24)}:{Two(60)}:{Two(60)}"
                + (random.Next(2) == 0 ? "." + new string('7', random.Next(1, 9)) : "")
                + random.Next(4) switch { 0 => "", 1 => "Z", _ => $"{(random.Next(2) == 0 ? '+' : '-')}{Two(15)}:{Two(60)}" };
            Iso_times_parse_as_the_general_parser_reads_them(text);
            if (Timestamps.TryParseIsoUtf8(System.Text.Encoding.UTF8.GetBytes(text), out _)) read++;
        }
        Assert.True(read > 2000, $"{read} read by the fast path");
    }

    [Theory]
    [InlineData("2024-01-12T03:04:05")]
    [InlineData("2024-01-12T03:04:05Z")]
    [InlineData("2024-01-12T03:04:05.1234567Z")]
    [InlineData("2023-11-20T00:00:00.0000000+00:00")]
    [InlineData("2024-01-12T03:04:05.1-09:30")]
    public void The_usual_iso_forms_are_read_from_their_bytes(string text) =>
        Assert.True(Timestamps.TryParseIsoUtf8(System.Text.Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("Client=WebServices;ExchangeWebServices")]
    [InlineData("Client=OWA;Mozilla/5.0")]
    [InlineData("Client=;Client=REST;")]
    [InlineData("Client=")]
    [InlineData("Client=Client=x")]
    [InlineData("no client here")]
    [InlineData("Client=MSExchangeRPC")]
    [InlineData("xClient=ActiveSync;")]
    public void Client_family_is_what_the_regex_found(string clientInfo)
    {
        var match = Regex.Match(clientInfo, "Client=([^;]+)", RegexOptions.CultureInvariant);

        Assert.Equal(match.Success ? match.Groups[1].Value : null, UalEventBuilder.ClientFamily(clientInfo));
    }

    [Fact]
    public void A_file_mixing_logs_line_by_line_decodes_as_the_general_path_does()
    {
        var ual = File.ReadAllLines(UalDecode.Fixture("mgmt-api.ndjson")).Where(l => l.Length > 0).ToList();
        var api = JsonDocument.Parse(File.ReadAllText(UalDecode.Fixture("mgmt-api-array.json"))).RootElement.EnumerateArray().Select(e => e.GetRawText()).ToList();
        var signIns = JsonDocument.Parse(File.ReadAllText(Path.Combine(Corpus.RepoRoot, "tests", "fixtures", "signin", "diagnostic-records.json")))
            .RootElement.GetProperty("records").EnumerateArray().Select(e => e.GetRawText()).ToList();
        var lines = api.Take(2).Concat(signIns.Take(2)).Concat(ual).Concat(signIns.Skip(2)).Concat(api.Skip(2)).Append("{\"Operation\":\"x\"}").ToList();
        using var dir = new TempDir();
        var path = dir.Write("mixed.ndjson", string.Join("\n", lines.Select(l => l.ReplaceLineEndings(""))) + "\n");

        var fast = Results(new FileDecoder(NormaliserRegistry.CreateDefault(), new DecodeOptions()), path);
        var general = Results(new FileDecoder(new NormaliserRegistry(NormaliserRegistry.CreateDefault().Normalisers), new DecodeOptions()), path);

        Assert.Equal(lines.Count, fast.Count);
        Assert.Equal(general, fast);
    }

    private static List<string> Results(FileDecoder decoder, string path) =>
        decoder.Decode(new InputSource(path))
            .Select(r => r.Event is { } e ? JsonSerializer.Serialize(e) : "rejected: " + r.Rejection!.Reason)
            .ToList();
}
