using System.Data.Common;
using Daybreak.Events;
using DuckDB.NET.Data;

namespace Daybreak.Storage;

/// <summary>
/// One connection appending events into the case, one transaction per batch: a crash leaves whole batches only.
/// </summary>
/// <remarks>
/// Direct: rows go straight into <c>events</c> and <c>mail_item_rows</c> inside the batch's transaction (the appender
/// joins it). Staged: rows go to the connection's own staging tables and each batch moves over with an anti-join on
/// record id, skipping what is stored; <see cref="EventWriter"/> stages when the case already holds events.
/// </remarks>
/// <param name="releaseRaw">Release each event's raw record once its row is appended (the appender has copied it).</param>
internal sealed class AppendLane(DuckDBConnection connection, bool direct, bool releaseRaw = false) : IDisposable
{
    private DuckDBAppender? _events;
    private DuckDBAppender? _mail;
    private DbTransaction? _transaction;
    private int _pending;

    /// <summary>Creates the staging tables a staged lane needs (session-only, so once per connection).</summary>
    public static void PrepareStaging(DuckDBConnection connection)
    {
        Migrations.Migrator.Exec(connection, "CREATE TEMP TABLE IF NOT EXISTS stage_events AS SELECT * FROM events LIMIT 0");
        Migrations.Migrator.Exec(connection, "CREATE TEMP TABLE IF NOT EXISTS stage_mail_item_rows AS SELECT * FROM mail_item_rows LIMIT 0");
    }

    public void Append(AuditEvent evt)
    {
        if (direct) _transaction ??= connection.BeginTransaction();
        _events ??= Appender("events");
        EventRows.AppendEvent(_events, evt);
        if (evt.Mail is { } mail)
        {
            _mail ??= Appender("mail_item_rows");
            EventRows.AppendMailItems(_mail, evt, mail);
        }
        if (releaseRaw) evt.ReleaseRaw();
        _pending++;
    }

    /// <summary>Commits the open batch; returns the events it newly stored.</summary>
    public long Commit()
    {
        // Disposing an appender flushes its rows (into the open transaction, when direct).
        CloseAppenders();
        if (_pending == 0) return 0;
        var pending = _pending;
        _pending = 0;
        if (direct)
        {
            _transaction!.Commit();
            _transaction.Dispose();
            _transaction = null;
            return pending;
        }
        long inserted;
        using (var tx = connection.BeginTransaction())
        {
            // Mail items first, while the anti-join still sees which events are new.
            Migrations.Migrator.Exec(connection, "INSERT INTO mail_item_rows SELECT m.* FROM stage_mail_item_rows m ANTI JOIN events e USING (record_id)");
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO events SELECT s.* FROM stage_events s ANTI JOIN events e USING (record_id)";
            inserted = insert.ExecuteNonQuery();
            tx.Commit();
        }
        Migrations.Migrator.Exec(connection, "DELETE FROM stage_events; DELETE FROM stage_mail_item_rows;");
        return inserted;
    }

    private DuckDBAppender Appender(string table) =>
        direct ? connection.CreateAppender(table) : connection.CreateAppender("temp", "main", "stage_" + table);

    private void CloseAppenders()
    {
        _events?.Dispose();
        _events = null;
        _mail?.Dispose();
        _mail = null;
    }

    /// <summary>Without <see cref="Commit"/>, the open batch is dropped as a crash would drop it.</summary>
    public void Dispose()
    {
        // Closing an appender flushes its rows, which fails when the batch already failed (an aborted transaction):
        // those rows are being dropped anyway, and the failure was reported where it happened.
        try { _events?.Dispose(); } catch (DuckDBException) { }
        try { _mail?.Dispose(); } catch (DuckDBException) { }
        _events = null;
        _mail = null;
        _transaction?.Dispose();
        _transaction = null;
    }
}
