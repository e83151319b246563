namespace Daybreak.Response.Containment;

/// <summary>
/// Microsoft first-party application ids. Containment never disables or strips these: they are the resources the
/// attacker reached (Exchange Online, Graph) or the clients every user signs in with, not the attacker's apps.
/// </summary>
public static class MicrosoftApps
{
    /// <summary>Tenants that own Microsoft's first-party apps (appOwnerOrganizationId).</summary>
    public static readonly IReadOnlySet<string> OwnerTenants = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "f8cdef31-a31e-4b4a-93e4-5f571e91255a", "72f988bf-86f1-41af-91ab-2d7cd011db47", "33e01921-4d64-4f8c-a055-5bdaffd5e33d",
    };

    public static readonly IReadOnlySet<string> Ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "00000002-0000-0ff1-ce00-000000000000", // Office 365 Exchange Online
        "00000003-0000-0000-c000-000000000000", // Microsoft Graph
        "00000003-0000-0ff1-ce00-000000000000", // Office 365 SharePoint Online
        "00000002-0000-0000-c000-000000000000", // Windows Azure Active Directory
        "00000004-0000-0ff1-ce00-000000000000", // Skype for Business Online
        "00000006-0000-0ff1-ce00-000000000000", // Microsoft Office 365 Portal
        "00000007-0000-0000-c000-000000000000", // Dynamics CRM
        "0000000a-0000-0000-c000-000000000000", // Microsoft Intune
        "1fec8e78-bce4-4aaf-ab1b-5451cc387264", // Microsoft Teams
        "d3590ed6-52b3-4102-aeff-aad2292ab01c", // Microsoft Office
        "27922004-5251-4030-b22d-91ecd9a37ea4", // Outlook Mobile
        "4765445b-32c6-49b0-83e6-1d93765276ca", // OfficeHome
        "9199bf20-a13f-4107-85dc-02114787ef48", // One Outlook Web
        "00000002-0000-0ff1-ce00-000000000001", // Outlook Web App (legacy)
        "c44b4083-3bb0-49c1-b47d-974e53cbdf3c", // Azure Portal
        "ab9b8c07-8f02-4f72-87fa-80105867a763", // OneDrive SyncEngine
        "29d9ed98-a469-4536-ade2-f981bc1d605e", // Microsoft Authentication Broker
        "38aa3b87-a06d-4817-b275-7a316988d93b", // Windows Sign In
        "14d82eec-204b-4c2f-b7e8-296a70dab67e", // Microsoft Graph Command Line Tools
        "04b07795-8ddb-461a-bbee-02f9e1bf7b46", // Microsoft Azure CLI
        "1950a258-227b-4e31-a9cf-717495945fc2", // Microsoft Azure PowerShell
        "01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9", // Device Registration Service
        "98db8bd6-0cc0-4e67-9de5-f187f1cd1b41", // Microsoft Substrate Management
        "fb78d390-0c51-40cd-8e17-fdbfab77341b", // Microsoft Exchange REST API Based PowerShell
        "a0c73c16-a7e3-4564-9a95-2bdf47383716", // Microsoft Exchange Online Remote PowerShell
        "797f4846-ba00-4fd7-ba43-dac1f8f63013", // Windows Azure Service Management API
        "de8bc8b5-d9f9-48b1-a8ad-b748da725064", // Graph Explorer
        "5e3ce6c0-2b1f-4285-8d4b-75ee78787346", // Microsoft Teams Web Client
        "89bee1f7-5e6e-4d8a-9f3d-ecd601259da7", // Office365 Shell WCSS-Client
        "0ec893e0-5785-4de6-99da-4ed124e5296c", // Office UWP PWA
        "fc0f3af4-6835-4174-b806-f7db311fd2f3", // Microsoft Intune Windows Agent
        "9bc3ab49-b65d-410a-85ad-de819febfddc", // Microsoft SharePoint Online Management Shell
        "00b41c95-dab0-4487-9791-b9d2c32c80f2", // Office 365 Management
        "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe", // Microsoft Teams Services
    };

    public static bool IsFirstParty(string appId) => Ids.Contains(appId);
}
