namespace Daybreak.Response.Graph;

/// <summary>A Graph request that ended in an error after its retries; the step fails, the run goes on.</summary>
public sealed class GraphFailure(string message) : Exception(message);
