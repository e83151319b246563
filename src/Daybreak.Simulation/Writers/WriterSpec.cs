namespace Daybreak.Simulation.Writers;

/// <summary>Where and how one writer writes: output folder, tenant folder, format variant, stream and compression.</summary>
internal sealed record WriterSpec(OutputFolder Folder, string Tenant, Guid TenantId, string Variant, LogSource Source, string Stream, bool Gzip, int PageSize, bool Mixed = false)
{
    /// <summary>Folder prefix for this writer's files: tenant, then variant (a gzipped mixed file keeps the same layout).</summary>
    public string Prefix => Mixed ? $"{Tenant}/mixed/{Variant}" : $"{Tenant}/{Variant}";
}
