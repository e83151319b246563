namespace Daybreak.Detection.Builtin;

/// <summary>Microsoft first-party client and resource application ids that read mail on a user's behalf (Outlook in all its forms).</summary>
public static class MicrosoftClients
{
    /// <summary>Outlook desktop/Office, Outlook mobile, OWA (old and new), Exchange Online, Microsoft Graph, Teams, Office Home, the Exchange REST and Substrate services.</summary>
    public static readonly IReadOnlyList<string> MailClients =
    [
        "d3590ed6-52b3-4102-aeff-aad2292ab01c", // Microsoft Office (Outlook desktop)
        "27922004-5251-4030-b22d-91ecd9a37ea4", // Outlook Mobile
        "9199bf20-a13f-4107-85dc-02114787ef48", // One Outlook Web
        "00000002-0000-0ff1-ce00-000000000000", // Office 365 Exchange Online (OWA, EAS, resource)
        "00000003-0000-0000-c000-000000000000", // Microsoft Graph (resource)
        "1fec8e78-bce4-4aaf-ab1b-5451cc387264", // Microsoft Teams
        "5e3ce6c0-2b1f-4285-8d4b-75ee78787346", // Teams web client
        "4765445b-32c6-49b0-83e6-1d93765276ca", // OfficeHome
        "5d661950-3475-41cd-a2c3-d671a3162bc1", // Outlook (new, Windows)
        "13937bba-652e-4c46-b222-3003f4d1ff97", // Substrate context
        "82d8ab62-be52-a567-14ea-1616c4ee06c4", // Outlook for Mac
    ];
}
