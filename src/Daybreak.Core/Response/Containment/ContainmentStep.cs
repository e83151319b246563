namespace Daybreak.Response.Containment;

/// <summary>
/// One Microsoft Graph v1.0 request of a containment plan, with why it is there. <see cref="Path"/> is relative to
/// the Graph base URL (https://graph.microsoft.com/v1.0). Where the logs lack an id the request needs (an app role
/// assignment's id, a permission grant's id, a certificate's place in keyCredentials), <see cref="Lookup"/> is the
/// GET the executor sends first, and <see cref="Path"/> shows the placeholder it fills in.
/// </summary>
public sealed record ContainmentStep
{
    /// <summary>1-based position in the plan.</summary>
    public int Order { get; init; }

    /// <summary>Stable identity (action and ids) so a rerun recognises a step already done.</summary>
    public required string Key { get; init; }

    public required ContainmentAction Action { get; init; }

    public required string Why { get; init; }

    public required string Method { get; init; }

    public required string Path { get; init; }

    /// <summary>JSON request body, or null.</summary>
    public string? Body { get; init; }

    /// <summary>The GET that resolves ids the logs lack, or null.</summary>
    public string? Lookup { get; init; }

    /// <summary>Ids the executor needs: user, servicePrincipal, application, keyId, resource, principal, appRole, assignment.</summary>
    public IReadOnlyDictionary<string, string> Args { get; init; } = new Dictionary<string, string>();
}
