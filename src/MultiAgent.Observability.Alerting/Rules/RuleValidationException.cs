namespace MultiAgent.Observability.Alerting;

/// <summary>Rules were refused: every problem found is listed, and none of the rules became active.</summary>
public sealed class RuleValidationException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="RuleValidationException"/> class.</summary>
    public RuleValidationException()
        : this([])
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RuleValidationException"/> class.</summary>
    /// <param name="message">The message.</param>
    public RuleValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Initializes a new instance of the <see cref="RuleValidationException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RuleValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Initializes a new instance of the <see cref="RuleValidationException"/> class.</summary>
    /// <param name="errors">Every problem found.</param>
    public RuleValidationException(IReadOnlyList<RuleError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Gets every problem found.</summary>
    public IReadOnlyList<RuleError> Errors { get; }

    private static string Describe(IReadOnlyList<RuleError> errors) =>
        errors.Count == 0
            ? "The alert rules are invalid."
            : $"{errors.Count} problem(s) in the alert rules:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors);
}
