using System.Data.Common;

namespace Daybreak.Storage.Migrations;

/// <summary>
/// One schema step; applied in order, each in its own transaction, recorded in schema_version. A step with
/// <paramref name="Applies"/> runs only where it says so and is recorded either way: for a physical change (how a
/// column is stored) that a new case takes and an existing one need not, when taking it would mean rewriting the case.
/// </summary>
internal sealed record Migration(int Version, string Description, string Sql, Func<DbConnection, bool>? Applies = null);
