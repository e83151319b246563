namespace Daybreak.Simulation.Organisation;

internal enum UserKind
{
    Member,
    Admin,
    Legacy,
    Test,
    Service,
}
