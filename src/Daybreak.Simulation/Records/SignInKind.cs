namespace Daybreak.Simulation.Records;

internal enum SignInKind
{
    Interactive,
    NonInteractive,
    ServicePrincipal,
}
