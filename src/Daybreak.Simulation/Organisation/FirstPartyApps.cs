namespace Daybreak.Simulation.Organisation;

/// <summary>Microsoft first-party application ids as they appear in real logs.</summary>
internal static class FirstPartyApps
{
    public const string MicrosoftTenantId = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";

    public static readonly (Guid AppId, string Name) ExchangeOnline = (new("00000002-0000-0ff1-ce00-000000000000"), "Office 365 Exchange Online");
    public static readonly (Guid AppId, string Name) Graph = (new("00000003-0000-0000-c000-000000000000"), "Microsoft Graph");
    public static readonly (Guid AppId, string Name) SharePoint = (new("00000003-0000-0ff1-ce00-000000000000"), "Office 365 SharePoint Online");
    public static readonly (Guid AppId, string Name) Teams = (new("1fec8e78-bce4-4aaf-ab1b-5451cc387264"), "Microsoft Teams");
    public static readonly (Guid AppId, string Name) Office = (new("d3590ed6-52b3-4102-aeff-aad2292ab01c"), "Microsoft Office");
    public static readonly (Guid AppId, string Name) OutlookMobile = (new("27922004-5251-4030-b22d-91ecd9a37ea4"), "Outlook Mobile");
    public static readonly (Guid AppId, string Name) OfficeHome = (new("4765445b-32c6-49b0-83e6-1d93765276ca"), "OfficeHome");
    public static readonly (Guid AppId, string Name) OutlookWeb = (new("9199bf20-a13f-4107-85dc-02114787ef48"), "One Outlook Web");
    public static readonly (Guid AppId, string Name) AzurePortal = (new("c44b4083-3bb0-49c1-b47d-974e53cbdf3c"), "Azure Portal");
    public static readonly (Guid AppId, string Name) OneDriveSync = (new("ab9b8c07-8f02-4f72-87fa-80105867a763"), "OneDrive SyncEngine");
    public static readonly (Guid AppId, string Name) AuthBroker = (new("29d9ed98-a469-4536-ade2-f981bc1d605e"), "Microsoft Authentication Broker");
    public static readonly (Guid AppId, string Name) WindowsSignIn = (new("38aa3b87-a06d-4817-b275-7a316988d93b"), "Windows Sign In");
    public static readonly (Guid AppId, string Name) GraphPowerShell = (new("14d82eec-204b-4c2f-b7e8-296a70dab67e"), "Microsoft Graph Command Line Tools");
    public static readonly (Guid AppId, string Name) AzureCli = (new("04b07795-8ddb-461a-bbee-02f9e1bf7b46"), "Microsoft Azure CLI");
    public static readonly (Guid AppId, string Name) DeviceRegistration = (new("01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9"), "Device Registration Service");
    public static readonly (Guid AppId, string Name) Substrate = (new("98db8bd6-0cc0-4e67-9de5-f187f1cd1b41"), "Microsoft Substrate Management");
    public static readonly (Guid AppId, string Name) Intune = (new("0000000a-0000-0000-c000-000000000000"), "Microsoft Intune");
    public static readonly (Guid AppId, string Name) AzureAdGraph = (new("00000002-0000-0000-c000-000000000000"), "Windows Azure Active Directory");
    public static readonly (Guid AppId, string Name) ExchangeActiveSync = (new("00000002-0000-0ff1-ce00-000000000000"), "Office 365 Exchange Online");

    /// <summary>Exchange Online's full_access_as_app application role.</summary>
    public static readonly Guid FullAccessAsAppRoleId = new("dc890d15-9560-4a4c-9b7f-a736ec74ec40");

    /// <summary>Microsoft Graph Mail.Read application role.</summary>
    public static readonly Guid GraphMailReadRoleId = new("810c84a8-4a9e-49e6-bf7d-12d183f40d01");

    public static readonly Guid GlobalAdministratorRoleTemplateId = new("62e90394-69f5-4237-9190-012177145e10");
    public static readonly Guid ApplicationAdministratorRoleTemplateId = new("9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3");
    public static readonly Guid ExchangeAdministratorRoleTemplateId = new("29232cdf-9323-42fd-ade2-1d097af3e4de");
}
