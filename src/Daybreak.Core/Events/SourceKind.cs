namespace Daybreak.Events;

/// <summary>The log source a record came from; the coverage report is kept per source kind.</summary>
public enum SourceKind
{
    /// <summary>Entra ID sign-in logs (interactive, non-interactive, service principal, managed identity).</summary>
    SignIn,
    /// <summary>Entra ID directory audit logs.</summary>
    Audit,
    /// <summary>Unified Audit Log (Office 365 Management Activity) records: Exchange, SharePoint, Entra via UAL.</summary>
    Ual,
    /// <summary>Microsoft Graph activity logs.</summary>
    GraphActivity,
    /// <summary>Identity Protection risk records (risky users, risk events).</summary>
    Risk,
}

/// <summary>Names used in reports and in the store for <see cref="SourceKind"/>.</summary>
public static class SourceKinds
{
    public static string Name(this SourceKind kind) => kind switch
    {
        SourceKind.SignIn => "signin",
        SourceKind.Audit => "audit",
        SourceKind.Ual => "ual",
        SourceKind.GraphActivity => "graphactivity",
        SourceKind.Risk => "risk",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string name, out SourceKind kind)
    {
        foreach (var k in Enum.GetValues<SourceKind>())
        {
            if (string.Equals(k.Name(), name, StringComparison.OrdinalIgnoreCase)) { kind = k; return true; }
        }
        kind = default;
        return false;
    }
}
