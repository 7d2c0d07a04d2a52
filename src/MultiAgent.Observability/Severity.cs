namespace MultiAgent.Observability;

/// <summary>How urgent an alert or finding is; shared by alert rules and findings in every package.</summary>
public enum Severity
{
    /// <summary>For information; nobody needs to act.</summary>
    Info,

    /// <summary>Needs attention soon.</summary>
    Warning,

    /// <summary>Needs attention now.</summary>
    Critical,

    /// <summary>The system is down or losing data.</summary>
    Emergency,
}
