namespace Daybreak.Simulation.Scenarios;

internal static class ScenarioCatalog
{
    public static readonly string[] Names =
        ["midnight-blizzard", "graph-mail-read", "aitm-token-theft", "mfa-fatigue", "consent-phishing", "bec-forwarding", "none"];

    public static IScenario? Create(string name) => name switch
    {
        "midnight-blizzard" => new AppTakeoverScenario(viaGraph: false),
        "graph-mail-read" => new AppTakeoverScenario(viaGraph: true),
        "aitm-token-theft" => new AitmTokenTheftScenario(),
        "mfa-fatigue" => new MfaFatigueScenario(),
        "consent-phishing" => new ConsentPhishingScenario(),
        "bec-forwarding" => new BecForwardingScenario(),
        _ => null,
    };
}
