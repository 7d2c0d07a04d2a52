namespace MultiAgent.Observability.Alerting;

/// <summary>Rules cannot be exported to Prometheus as they are: each reason names the rule and what PromQL cannot express.</summary>
public sealed class RuleExportException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="RuleExportException"/> class.</summary>
    public RuleExportException()
        : this("The rules cannot be exported to Prometheus.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RuleExportException"/> class.</summary>
    /// <param name="message">The message.</param>
    public RuleExportException(string message)
        : base(message)
    {
        Reasons = [message];
    }

    /// <summary>Initializes a new instance of the <see cref="RuleExportException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RuleExportException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reasons = [message];
    }

    /// <summary>Initializes a new instance of the <see cref="RuleExportException"/> class.</summary>
    /// <param name="reasons">One reason per refused rule.</param>
    public RuleExportException(IReadOnlyList<string> reasons)
        : base($"{reasons.Count} rule(s) cannot be exported to Prometheus:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", reasons))
    {
        Reasons = reasons;
    }

    /// <summary>Gets one reason per refused rule.</summary>
    public IReadOnlyList<string> Reasons { get; }
}
