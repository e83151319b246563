namespace Daybreak.Correlation;

/// <summary>ATT&amp;CK tactics an identity or mailbox breach moves through, in the order such a chain runs (credentials
/// are won before the account is used).</summary>
public enum Tactic
{
    Unknown,
    CredentialAccess,
    InitialAccess,
    Persistence,
    PrivilegeEscalation,
    DefenseEvasion,
    LateralMovement,
    Collection,
    Exfiltration,
}

/// <summary>The tactic and a short phrase for the techniques Daybreak's detections raise; the chain of an incident is
/// the distinct tactics its alerts reached.</summary>
public static class KillChain
{
    private static readonly Dictionary<string, (Tactic Tactic, string Phrase)> Techniques = new(StringComparer.OrdinalIgnoreCase)
    {
        ["T1110"] = (Tactic.CredentialAccess, "brute force"),
        ["T1110.001"] = (Tactic.CredentialAccess, "password guessing"),
        ["T1110.003"] = (Tactic.CredentialAccess, "password spray"),
        ["T1110.004"] = (Tactic.CredentialAccess, "credential stuffing"),
        ["T1557"] = (Tactic.CredentialAccess, "adversary-in-the-middle sign-in"),
        ["T1539"] = (Tactic.CredentialAccess, "stolen session cookie"),
        ["T1528"] = (Tactic.CredentialAccess, "illicit consent / stolen app token"),
        ["T1621"] = (Tactic.CredentialAccess, "MFA fatigue"),
        ["T1566"] = (Tactic.InitialAccess, "phishing"),
        ["T1078"] = (Tactic.InitialAccess, "valid account"),
        ["T1078.004"] = (Tactic.InitialAccess, "cloud account sign-in"),
        ["T1098"] = (Tactic.Persistence, "account manipulation"),
        ["T1098.001"] = (Tactic.Persistence, "credentials added to apps"),
        ["T1098.002"] = (Tactic.Persistence, "mailbox delegation"),
        ["T1098.003"] = (Tactic.PrivilegeEscalation, "privileged roles and consent granted"),
        ["T1098.005"] = (Tactic.Persistence, "device registration"),
        ["T1136"] = (Tactic.Persistence, "account created"),
        ["T1136.003"] = (Tactic.Persistence, "cloud account created"),
        ["T1484"] = (Tactic.PrivilegeEscalation, "domain policy changed"),
        ["T1550"] = (Tactic.DefenseEvasion, "alternate authentication material"),
        ["T1550.001"] = (Tactic.DefenseEvasion, "app access token use"),
        ["T1550.004"] = (Tactic.DefenseEvasion, "session cookie replay"),
        ["T1564"] = (Tactic.DefenseEvasion, "hidden artifacts"),
        ["T1564.008"] = (Tactic.DefenseEvasion, "inbox rule hides mail"),
        ["T1562"] = (Tactic.DefenseEvasion, "defenses impaired"),
        ["T1114"] = (Tactic.Collection, "email collection"),
        ["T1114.002"] = (Tactic.Collection, "mailbox reads"),
        ["T1114.003"] = (Tactic.Collection, "mail forwarding"),
        ["T1530"] = (Tactic.Collection, "cloud storage reads"),
        ["T1567"] = (Tactic.Exfiltration, "exfiltration over web service"),
        ["T1020"] = (Tactic.Exfiltration, "automated exfiltration"),
    };

    public static Tactic TacticOf(string technique) =>
        Techniques.TryGetValue(technique, out var t) ? t.Tactic
        : Techniques.TryGetValue(Parent(technique), out var p) ? p.Tactic
        : Tactic.Unknown;

    public static string PhraseOf(string technique) =>
        Techniques.TryGetValue(technique, out var t) ? t.Phrase
        : Techniques.TryGetValue(Parent(technique), out var p) ? p.Phrase
        : technique;

    private static string Parent(string technique)
    {
        var dot = technique.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? technique : technique[..dot];
    }
}
