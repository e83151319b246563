namespace Daybreak.Storage.Migrations;

/// <summary>One schema step; applied in order, each in its own transaction, recorded in schema_version.</summary>
internal sealed record Migration(int Version, string Description, string Sql);
