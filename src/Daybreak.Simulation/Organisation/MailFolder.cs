namespace Daybreak.Simulation.Organisation;

/// <summary>A mailbox folder: messages are not stored, each is derived from (mailbox, folder, index).</summary>
internal sealed record MailFolder(int Index, string Path, string Id, int InitialCount, double PerDay);
