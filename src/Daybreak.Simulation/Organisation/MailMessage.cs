namespace Daybreak.Simulation.Organisation;

internal readonly record struct MailMessage(string InternetMessageId, long SizeInBytes, bool HasAttachments, string ItemId);
