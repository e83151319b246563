using Daybreak.Simulation.Organisation;

namespace Daybreak.Simulation.Records;

/// <summary>One folder in a MailItemsAccessed record; Items is empty for Sync.</summary>
internal sealed record UalFolderAccess(MailFolder Folder, IReadOnlyList<MailMessage> Items);
