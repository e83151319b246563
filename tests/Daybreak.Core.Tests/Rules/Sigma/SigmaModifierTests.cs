using Daybreak.Tests.Rules.Sigma.Support;
using static Daybreak.Tests.Rules.Sigma.Support.SigmaTestKit;

namespace Daybreak.Tests.Rules.Sigma;

/// <summary>check_select style: one selection, one event, expected verdict. Every positive case has a negative twin.</summary>
public sealed class SigmaModifierTests
{
    [Theory]
    // plain equality is case-insensitive; cased makes it exact
    [InlineData(@"Image: 'C:\Windows\System32\cmd.exe'", @"{""Image"":""c:\\windows\\system32\\CMD.EXE""}", true)]
    [InlineData(@"Image: 'C:\Windows\System32\cmd.exe'", @"{""Image"":""C:\\Windows\\System32\\cmd.exe.bak""}", false)]
    [InlineData(@"Image|cased: 'CMD'", @"{""Image"":""CMD""}", true)]
    [InlineData(@"Image|cased: 'CMD'", @"{""Image"":""cmd""}", false)]
    [InlineData(@"Image|contains|cased: 'Cmd'", @"{""Image"":""xCmdx""}", true)]
    [InlineData(@"Image|contains|cased: 'Cmd'", @"{""Image"":""xcmdx""}", false)]
    // wildcards and escaping
    [InlineData(@"a: 'foo*bar'", @"{""a"":""FOOxxBAR""}", true)]
    [InlineData(@"a: 'foo*bar'", @"{""a"":""fooxxbaz""}", false)]
    [InlineData(@"a: 'f?o'", @"{""a"":""fxo""}", true)]
    [InlineData(@"a: 'f?o'", @"{""a"":""fo""}", false)]
    [InlineData(@"a: 'f?o*z'", @"{""a"":""fxoyyz""}", true)]
    [InlineData(@"a: 'f?o*z'", @"{""a"":""fxoyyzq""}", false)]
    [InlineData(@"a: 'foo\*'", @"{""a"":""foo*""}", true)]
    [InlineData(@"a: 'foo\*'", @"{""a"":""foobar""}", false)]
    [InlineData(@"a: 'foo\?'", @"{""a"":""foo?""}", true)]
    [InlineData(@"a: 'foo\?'", @"{""a"":""foox""}", false)]
    [InlineData(@"a: 'C:\\*'", @"{""a"":""C:\\anything""}", true)]
    [InlineData(@"a: 'C:\\*'", @"{""a"":""C:anything""}", false)]
    [InlineData(@"a: 'x\\\*'", @"{""a"":""x\\*""}", true)]
    [InlineData(@"a: 'x\\\*'", @"{""a"":""x\\abc""}", false)]
    [InlineData(@"a: 'C:\Temp\x'", @"{""a"":""C:\\Temp\\x""}", true)]
    [InlineData(@"a: '*'", @"{""a"":""anything""}", true)]
    [InlineData(@"a: '*'", @"{""a"":null}", false)]
    // contains / startswith / endswith
    [InlineData(@"a|contains: 'mimi'", @"{""a"":""run MIMIkatz""}", true)]
    [InlineData(@"a|contains: 'mimi'", @"{""a"":""run katz""}", false)]
    [InlineData(@"a|startswith: 'C:\Users\'", @"{""a"":""c:\\users\\bob\\x.exe""}", true)]
    [InlineData(@"a|startswith: 'C:\Users\'", @"{""a"":""D:\\c:\\users\\""}", false)]
    [InlineData(@"a|endswith: '\cmd.exe'", @"{""a"":""C:\\x\\CMD.exe""}", true)]
    [InlineData(@"a|endswith: '\cmd.exe'", @"{""a"":""C:\\x\\cmd.exe.txt""}", false)]
    [InlineData(@"a|contains: 'a*c'", @"{""a"":""xxabbbcxx""}", true)]
    [InlineData(@"a|contains: 'a*c'", @"{""a"":""xxcbbbaxx""}", false)]
    // lists: OR by default, AND with all
    [InlineData("a: [x, y]", @"{""a"":""Y""}", true)]
    [InlineData("a: [x, y]", @"{""a"":""z""}", false)]
    [InlineData("a|contains|all: [foo, bar]", @"{""a"":""bar and foo""}", true)]
    [InlineData("a|contains|all: [foo, bar]", @"{""a"":""foo only""}", false)]
    // maps: AND of fields; array event values match when any element does
    [InlineData("{ a: x, b: y }", @"{""a"":""x"",""b"":""y""}", true)]
    [InlineData("{ a: x, b: y }", @"{""a"":""x"",""b"":""z""}", false)]
    [InlineData("a: x", @"{""a"":[""w"",""x""]}", true)]
    [InlineData("a: x", @"{""a"":[""w"",""v""]}", false)]
    [InlineData("a: x", @"{""b"":""x""}", false)]
    // numbers compare with numbers and numeric strings
    [InlineData("EventID: 4688", @"{""EventID"":4688}", true)]
    [InlineData("EventID: 4688", @"{""EventID"":""4688""}", true)]
    [InlineData("EventID: 4688", @"{""EventID"":4689}", false)]
    [InlineData("n|gt: 5", @"{""n"":6}", true)]
    [InlineData("n|gt: 5", @"{""n"":5}", false)]
    [InlineData("n|gte: 5", @"{""n"":5}", true)]
    [InlineData("n|gte: 5", @"{""n"":4.9}", false)]
    [InlineData("n|lt: 5", @"{""n"":""4""}", true)]
    [InlineData("n|lt: 5", @"{""n"":5}", false)]
    [InlineData("n|lte: 5", @"{""n"":5}", true)]
    [InlineData("n|lte: 5", @"{""n"":6}", false)]
    [InlineData("n|gt: 5", @"{""n"":""abc""}", false)]
    [InlineData("n|gt: 5", @"{""n"":""0x10""}", true)]
    [InlineData("a|neq: x", @"{""a"":""y""}", true)]
    [InlineData("a|neq: x", @"{""a"":""X""}", false)]
    [InlineData("Enabled: true", @"{""Enabled"":true}", true)]
    [InlineData("Enabled: true", @"{""Enabled"":false}", false)]
    // null, empty and exists
    [InlineData("a: null", "{}", true)]
    [InlineData("a: null", @"{""a"":null}", true)]
    [InlineData("a: null", @"{""a"":""x""}", false)]
    [InlineData("a: ''", @"{""a"":""""}", true)]
    [InlineData("a: ''", "{}", false)]
    [InlineData("a|exists: true", @"{""a"":null}", true)]
    [InlineData("a|exists: true", "{}", false)]
    [InlineData("a|exists: false", "{}", true)]
    [InlineData("a|exists: false", @"{""a"":1}", false)]
    // regular expressions: case-sensitive by default; i, m, s flags
    [InlineData("a|re: '^ab+c$'", @"{""a"":""abbc""}", true)]
    [InlineData("a|re: '^ab+c$'", @"{""a"":""ABBC""}", false)]
    [InlineData("a|re|i: '^ab+c$'", @"{""a"":""ABBC""}", true)]
    [InlineData("a|re|i: '^ab+c$'", @"{""a"":""ABBD""}", false)]
    [InlineData("a|re|m: '^b$'", @"{""a"":""a\nb""}", true)]
    [InlineData("a|re: '^b$'", @"{""a"":""a\nb""}", false)]
    [InlineData("a|re|s: 'a.b'", @"{""a"":""a\nb""}", true)]
    [InlineData("a|re: 'a.b'", @"{""a"":""a\nb""}", false)]
    [InlineData(@"a|re: '(\w)\1'", @"{""a"":""xaay""}", true)]
    [InlineData(@"a|re: '(\w)\1'", @"{""a"":""xay""}", false)]
    // cidr, IPv4 and IPv6
    [InlineData("ip|cidr: 10.0.0.0/8", @"{""ip"":""10.200.3.4""}", true)]
    [InlineData("ip|cidr: 10.0.0.0/8", @"{""ip"":""11.0.0.1""}", false)]
    [InlineData("ip|cidr: 192.168.1.0/25", @"{""ip"":""192.168.1.127""}", true)]
    [InlineData("ip|cidr: 192.168.1.0/25", @"{""ip"":""192.168.1.128""}", false)]
    [InlineData("ip|cidr: 10.0.0.0/8", @"{""ip"":""::ffff:10.0.0.1""}", true)]
    [InlineData("ip|cidr: '2001:db8::/32'", @"{""ip"":""2001:DB8:0:1::5""}", true)]
    [InlineData("ip|cidr: '2001:db8::/32'", @"{""ip"":""2001:db9::1""}", false)]
    [InlineData("ip|cidr: 'fe80::/10'", @"{""ip"":""not an ip""}", false)]
    // base64 and utf16 encodings
    [InlineData("a|base64: cmd", @"{""a"":""Y21k""}", true)]
    [InlineData("a|base64: cmd", @"{""a"":""Y21kCg==""}", false)]
    [InlineData("a|base64|contains: cmd", @"{""a"":""xxY21kxx""}", true)]
    [InlineData("a|utf16le|base64: cmd", @"{""a"":""YwBtAGQA""}", true)]
    [InlineData("a|wide|base64: cmd", @"{""a"":""YwBtAGQA""}", true)]
    [InlineData("a|utf16le|base64: cmd", @"{""a"":""Y21k""}", false)]
    [InlineData("a|utf16be|base64: cmd", @"{""a"":""AGMAbQBk""}", true)]
    [InlineData("a|utf16be|base64: cmd", @"{""a"":""YwBtAGQA""}", false)]
    [InlineData("a|utf16|base64: cmd", @"{""a"":""//5jAG0AZAA=""}", true)]
    [InlineData("a|utf16|base64: cmd", @"{""a"":""YwBtAGQA""}", false)]
    // windash: a word-leading dash may be any of - / – — ―
    [InlineData("a|windash|contains: ' -enc '", @"{""a"":""powershell /enc AAA""}", true)]
    [InlineData("a|windash|contains: ' -enc '", @"{""a"":""powershell \u2013enc AAA""}", true)]
    [InlineData("a|windash|contains: ' -enc '", @"{""a"":""powershell -ENC AAA""}", true)]
    [InlineData("a|windash|contains: ' -enc '", @"{""a"":""powershell +enc AAA""}", false)]
    [InlineData("a|windash|endswith: ' -y'", @"{""a"":""x \u2015y""}", true)]
    [InlineData("a|windash|endswith: ' -y'", @"{""a"":""x _y""}", false)]
    // fieldref
    [InlineData("a|fieldref: b", @"{""a"":""x"",""b"":""X""}", true)]
    [InlineData("a|fieldref: b", @"{""a"":""x"",""b"":""y""}", false)]
    [InlineData("a|fieldref: b", @"{""a"":""x""}", false)]
    [InlineData("a|fieldref|startswith: b", @"{""a"":""xyz"",""b"":""xy""}", true)]
    [InlineData("a|fieldref|cased: b", @"{""a"":""x"",""b"":""X""}", false)]
    // time parts
    [InlineData("t|hour: 3", @"{""t"":""2024-05-01T03:15:00Z""}", true)]
    [InlineData("t|hour: 3", @"{""t"":""2024-05-01T04:15:00Z""}", false)]
    [InlineData("t|hour|gte: 22", @"{""t"":""2024-05-01T23:00:00Z""}", true)]
    [InlineData("t|month: 5", @"{""t"":""2024-06-01T00:00:00Z""}", false)]
    [InlineData("t|year: 2024", @"{""t"":""2024-06-01""}", true)]
    [InlineData("t|week: 1", @"{""t"":""2024-01-02""}", true)]
    // dotted paths into nested objects, arrays and JSON held in strings
    [InlineData("properties.status.errorCode: 50126", @"{""properties"":{""status"":{""errorCode"":50126}}}", true)]
    [InlineData("properties.status.errorCode: 50126", @"{""properties"":{""status"":{""errorCode"":0}}}", false)]
    [InlineData("TargetResources.displayName: app1", @"{""TargetResources"":""[{\""displayName\"":\""x\""},{\""displayName\"":\""App1\""}]""}", true)]
    [InlineData("TargetResources.displayName: app1", @"{""TargetResources"":""[{\""displayName\"":\""x\""}]""}", false)]
    [InlineData("targetresources|contains: App1", @"{""TargetResources"":""[{\""displayName\"":\""App1\""}]""}", true)]
    [InlineData("Props.Name: v", @"{""props"":{""NAME"":""v""}}", true)]
    public void Selection(string selection, string eventJson, bool expected)
    {
        var rule = Rule("selection:\n    " + selection.Replace("\n", "\n    "));
        Assert.Equal(expected, Matches(rule, eventJson));
    }

    [Theory]
    [InlineData("keywords: ['evil', 'bad']", @"{""x"":{""y"":""very EVIL thing""}}", "keywords", true)]
    [InlineData("keywords: ['evil', 'bad']", @"{""x"":""good"",""n"":1}", "keywords", false)]
    [InlineData("keywords:\n    '|all': [foo, bar]", @"{""a"":""foo"",""b"":[""x"",""bar""]}", "keywords", true)]
    [InlineData("keywords:\n    '|all': [foo, bar]", @"{""a"":""foo""}", "keywords", false)]
    [InlineData("keywords: 'single'", @"{""a"":""a single word""}", "keywords", true)]
    [InlineData("keywords: ['a*c']", @"{""a"":""xxabcxx""}", "keywords", true)]
    [InlineData("keywords: ['a*c']", @"{""a"":""xxcbaxx""}", "keywords", false)]
    public void Keywords(string detection, string eventJson, string condition, bool expected) =>
        Assert.Equal(expected, Matches(Rule(detection, condition), eventJson));

    [Fact]
    public void List_of_maps_is_an_or()
    {
        var rule = Rule("selection:\n    - a: x\n    - b: y");
        Assert.True(Matches(rule, @"{""b"":""y""}"));
        Assert.False(Matches(rule, @"{""a"":""y"",""b"":""x""}"));
    }

    [Fact]
    public void Base64offset_finds_the_value_at_every_alignment()
    {
        var rule = Rule("selection:\n    a|base64offset|contains: 'http://'");
        foreach (var prefix in new[] { "", "x", "xy", "xyz" })
        {
            var encoded = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(prefix + "http://evil.example/"));
            Assert.True(Matches(rule, $$"""{"a":"{{encoded}}"}"""), $"prefix '{prefix}' -> {encoded}");
        }
        Assert.False(Matches(rule, $$"""{"a":"{{Convert.ToBase64String("https://x"u8.ToArray())}}"}"""));
    }

    [Fact]
    public void Wide_base64offset_finds_utf16_command_lines()
    {
        var rule = Rule("selection:\n    a|wide|base64offset|contains: 'ping'");
        foreach (var prefix in new[] { "", "a", "ab" })
        {
            var encoded = Convert.ToBase64String(System.Text.Encoding.Unicode.GetBytes(prefix + "ping 10.0.0.1"));
            Assert.True(Matches(rule, $$"""{"a":"{{encoded}}"}"""), encoded);
        }
        Assert.False(Matches(rule, $$"""{"a":"{{Convert.ToBase64String("ping"u8.ToArray())}}"}"""));
    }

    [Fact]
    public void Expand_uses_the_supplied_placeholders()
    {
        var placeholders = new Dictionary<string, IReadOnlyList<string>> { ["Admins"] = ["adm_*", "root"] };
        var rule = Rule("selection:\n    user|expand: '%Admins%'");
        Assert.True(Matches(rule, @"{""user"":""ADM_bob""}", placeholders));
        Assert.True(Matches(rule, @"{""user"":""root""}", placeholders));
        Assert.False(Matches(rule, @"{""user"":""bob""}", placeholders));
        var embedded = Rule("selection:\n    host|expand: 'srv-%Admins%.corp'");
        Assert.True(Matches(embedded, @"{""host"":""srv-root.corp""}", placeholders));
        Assert.False(Matches(embedded, @"{""host"":""srv-bob.corp""}", placeholders));
    }

    [Fact]
    public void Unresolved_placeholder_warns_and_disables_the_rule_which_still_loads()
    {
        var engine = Engine(Rule("selection:\n    user|expand: '%Unknown%'\nother:\n    a: x", "selection or other"));
        var warning = Assert.Single(engine.Report.Warnings);
        Assert.Contains("%Unknown%", warning.Reason);
        Assert.Contains("disabled", warning.Reason);
        Assert.Equal(1, engine.Report.Loaded);
        Assert.Empty(engine.EvaluateAll(Daybreak.Rules.Sigma.JsonSigmaEvent.Parse(@"{""user"":""%Unknown%""}")));
        Assert.Empty(engine.EvaluateAll(Daybreak.Rules.Sigma.JsonSigmaEvent.Parse(@"{""a"":""x""}")));
    }

    [Fact]
    public void Unresolved_placeholder_under_not_does_not_make_the_rule_fire_on_everything()
    {
        // SigmaHQ's "Sign-in from countries you do not operate out of": selection and not filter(%Known_Location%).
        var engine = Engine(Rule("selection:\n    ResultType: 0\nfilter:\n    Location|expand: '%Known_Location%'", "selection and not filter"));
        Assert.Empty(engine.EvaluateAll(Daybreak.Rules.Sigma.JsonSigmaEvent.Parse(@"{""ResultType"":0,""Location"":""US""}")));
        var resolved = Engine(Rule("selection:\n    ResultType: 0\nfilter:\n    Location|expand: '%Known_Location%'", "selection and not filter"),
            new Dictionary<string, IReadOnlyList<string>> { ["Known_Location"] = ["US"] });
        Assert.Empty(resolved.EvaluateAll(Daybreak.Rules.Sigma.JsonSigmaEvent.Parse(@"{""ResultType"":0,""Location"":""US""}")));
        Assert.Single(resolved.EvaluateAll(Daybreak.Rules.Sigma.JsonSigmaEvent.Parse(@"{""ResultType"":0,""Location"":""KP""}")));
    }

    [Fact]
    public void Plain_percent_is_literal_without_expand()
    {
        var rule = Rule("selection:\n    a: '%name%'");
        Assert.True(Matches(rule, @"{""a"":""%NAME%""}"));
        Assert.False(Matches(rule, @"{""a"":""name""}"));
    }

    [Theory]
    [InlineData("a|base64: 'x*'", "wildcards")]
    [InlineData("a|gt: abc", "number")]
    [InlineData("a|cidr: 10.0.0.0/99", "CIDR")]
    [InlineData("a|re: '(unclosed'", "regular expression")]
    [InlineData("a|i: x", "only applies after 're'")]
    [InlineData("a|exists: maybe", "true or false")]
    [InlineData("a|nope: x", "unknown modifier")]
    public void Invalid_values_fail_with_a_reason(string selection, string reason)
    {
        var engine = Daybreak.Rules.Sigma.SigmaEngine.CreateBuilder().AddYaml(Rule("selection:\n    " + selection), "bad.yml").Build();
        var error = Assert.Single(engine.Report.Errors);
        Assert.Contains(reason, error.Reason);
        Assert.Equal(7, error.Line); // the item line inside the inline rule
    }
}
