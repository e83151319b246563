namespace Daybreak.Response.Stix;

/// <summary>Names of the MITRE ATT&amp;CK techniques Daybreak's rules raise; other ids are exported with the id as name.</summary>
public static class AttackTechniques
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["T1078"] = "Valid Accounts",
        ["T1078.004"] = "Valid Accounts: Cloud Accounts",
        ["T1098"] = "Account Manipulation",
        ["T1098.001"] = "Account Manipulation: Additional Cloud Credentials",
        ["T1098.002"] = "Account Manipulation: Additional Email Delegate Permissions",
        ["T1098.003"] = "Account Manipulation: Additional Cloud Roles",
        ["T1110"] = "Brute Force",
        ["T1110.001"] = "Brute Force: Password Guessing",
        ["T1110.003"] = "Brute Force: Password Spraying",
        ["T1110.004"] = "Brute Force: Credential Stuffing",
        ["T1114"] = "Email Collection",
        ["T1114.002"] = "Email Collection: Remote Email Collection",
        ["T1114.003"] = "Email Collection: Email Forwarding Rule",
        ["T1136.003"] = "Create Account: Cloud Account",
        ["T1528"] = "Steal Application Access Token",
        ["T1539"] = "Steal Web Session Cookie",
        ["T1550.001"] = "Use Alternate Authentication Material: Application Access Token",
        ["T1556.006"] = "Modify Authentication Process: Multi-Factor Authentication",
        ["T1557"] = "Adversary-in-the-Middle",
        ["T1566.002"] = "Phishing: Spearphishing Link",
        ["T1621"] = "Multi-Factor Authentication Request Generation",
        ["T1087.004"] = "Account Discovery: Cloud Account",
        ["T1530"] = "Data from Cloud Storage",
        ["T1213.002"] = "Data from Information Repositories: Sharepoint",
    };

    public static string Name(string id) => Names.TryGetValue(id, out var name) ? name : id;

    /// <summary>The technique's page: T1110.003 is techniques/T1110/003/.</summary>
    public static string Url(string id) => "https://attack.mitre.org/techniques/" + id.ToUpperInvariant().Replace('.', '/') + "/";
}
