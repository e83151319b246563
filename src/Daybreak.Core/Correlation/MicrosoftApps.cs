namespace Daybreak.Correlation;

/// <summary>
/// Microsoft first-party application ids. Millions of people use them every day, so sharing one says nothing about
/// a shared attacker: they never join alerts, and a mail read through one of them is not an app-only read.
/// </summary>
public static class MicrosoftApps
{
    public const string ExchangeOnline = "00000002-0000-0ff1-ce00-000000000000";
    public const string Graph = "00000003-0000-0000-c000-000000000000";

    /// <summary>Well-known first-party client and resource app ids (lower-case).</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ExchangeOnline, Graph,
        "00000003-0000-0ff1-ce00-000000000000", // Office 365 SharePoint Online
        "00000002-0000-0000-c000-000000000000", // Windows Azure Active Directory (AAD Graph)
        "00000004-0000-0ff1-ce00-000000000000", // Skype for Business Online
        "00000006-0000-0ff1-ce00-000000000000", // Microsoft Office 365 Portal
        "0000000a-0000-0000-c000-000000000000", // Microsoft Intune
        "00000007-0000-0000-c000-000000000000", // Dynamics CRM
        "797f4846-ba00-4fd7-ba43-dac1f8f63013", // Azure Resource Manager
        "1fec8e78-bce4-4aaf-ab1b-5451cc387264", // Microsoft Teams
        "5e3ce6c0-2b1f-4285-8d4b-75ee78787346", // Microsoft Teams Web Client
        "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe", // Microsoft Teams Services
        "d3590ed6-52b3-4102-aeff-aad2292ab01c", // Microsoft Office
        "27922004-5251-4030-b22d-91ecd9a37ea4", // Outlook Mobile
        "4765445b-32c6-49b0-83e6-1d93765276ca", // OfficeHome
        "9199bf20-a13f-4107-85dc-02114787ef48", // One Outlook Web
        "00000002-0000-0ff1-ce00-000000000002", // Outlook Online (legacy)
        "5d661950-3475-41cd-a2c3-d671a3162bc1", // Outlook (new)
        "c44b4083-3bb0-49c1-b47d-974e53cbdf3c", // Azure Portal
        "ab9b8c07-8f02-4f72-87fa-80105867a763", // OneDrive SyncEngine
        "29d9ed98-a469-4536-ade2-f981bc1d605e", // Microsoft Authentication Broker
        "38aa3b87-a06d-4817-b275-7a316988d93b", // Windows Sign In
        "14d82eec-204b-4c2f-b7e8-296a70dab67e", // Microsoft Graph Command Line Tools
        "04b07795-8ddb-461a-bbee-02f9e1bf7b46", // Microsoft Azure CLI
        "1950a258-227b-4e31-a9cf-717495945fc2", // Microsoft Azure PowerShell
        "1b730954-1685-4b74-9bfa-1c8e3c7be1aa", // Azure Active Directory PowerShell
        "fb78d390-0c51-40cd-8e17-fdbfab77341b", // Microsoft Exchange REST API Based PowerShell
        "a0c73c16-a7e3-4564-9a95-2bdf47383716", // Microsoft Exchange Online Remote PowerShell
        "01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9", // Device Registration Service
        "98db8bd6-0cc0-4e67-9de5-f187f1cd1b41", // Microsoft Substrate Management
        "00b41c95-dab0-4487-9791-b9d2c32c80f2", // Office 365 Management
        "de8bc8b5-d9f9-48b1-a8ad-b748da725064", // Graph Explorer
        "0ec893e0-5785-4de6-99da-4ed124e5296c", // Office UWP PWA
        "872cd9fa-d31f-45e0-9eab-6e460a02d1f1", // Visual Studio
        "08e18876-6177-487e-b8b5-cf950c1e598c", // SharePoint Online Web Client Extensibility
        "57fb890c-0dab-4253-a5e0-7188c88b2bb4", // SharePoint Online Client Extensibility
        "c1c74fed-04c9-4704-80dc-9f79a2e515cb", // Office 365 Exchange Online (Outlook mobile sync)
        "e9f49c6b-5ce5-44c8-925d-015017e9f7ad", // Office 365 Exchange Online (legacy clients)
        "26a7ee05-5602-4d76-a7ba-eae8b7b67941", // Windows Search
        "fc0f3af4-6835-4174-b806-f7db311fd2f3", // Microsoft Intune Windows Agent
        "9ba1a5c7-f17a-4de9-a1f1-6178c8d51223", // Microsoft Intune Company Portal
    };

    /// <summary>True for a well-known first-party app id or one in <paramref name="extra"/>.</summary>
    public static bool IsCommon(string? appId, IReadOnlySet<string>? extra = null) =>
        appId is not null && (Known.Contains(appId) || (extra?.Contains(appId) ?? false));
}
