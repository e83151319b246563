namespace Daybreak.Simulation.Truth;

internal sealed record ThrottledWindow(string Scenario, string Owner, Guid MailboxGuid, DateTime From, DateTime To);
