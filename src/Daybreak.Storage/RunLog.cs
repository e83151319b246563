using Daybreak.Decoders;

namespace Daybreak.Storage;

/// <summary>
/// The case's own record of what was done to it: each run (command, version, times), each input read with its
/// counts, and every rejection. It feeds the chain-of-custody log of the evidence bundle.
/// </summary>
public sealed class RunLog(CaseStore store, TimeProvider time)
{
    public string Start(string command, string version)
    {
        var runId = Guid.CreateVersion7(time.GetUtcNow()).ToString();
        // Who and where, for the chain of custody: the OS account and machine name, as the OS reports them.
        using var cmd = store.Command("INSERT INTO runs (run_id, command, version, started_at, os_user, machine) VALUES ($1, $2, $3, $4, $5, $6)",
            runId, command, version, time.GetUtcNow().UtcDateTime, Environment.UserName, Environment.MachineName);
        cmd.ExecuteNonQuery();
        return runId;
    }

    public void Input(string runId, string path, long? bytes, long records, long accepted, long rejected)
    {
        using var cmd = store.Command("INSERT INTO inputs VALUES ($1, NULL, $2, $3, $4, $5, $6, $7)",
            path, bytes, runId, records, accepted, rejected, time.GetUtcNow().UtcDateTime);
        cmd.ExecuteNonQuery();
    }

    public void Rejections(string runId, IEnumerable<Rejection> rejections)
    {
        using var appender = store.Connection.CreateAppender("rejections");
        foreach (var r in rejections)
            appender.CreateRow().AppendText(runId).AppendText(r.File).AppendValue(r.Line).AppendText(r.Reason).EndRow();
    }

    public void Finish(string runId)
    {
        using var cmd = store.Command("UPDATE runs SET finished_at = $1 WHERE run_id = $2", time.GetUtcNow().UtcDateTime, runId);
        cmd.ExecuteNonQuery();
    }
}
