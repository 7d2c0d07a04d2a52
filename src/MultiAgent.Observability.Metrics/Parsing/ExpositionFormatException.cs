namespace MultiAgent.Observability.Metrics.Parsing;

/// <summary>
/// A text exposition that cannot be used: any error in OpenMetrics (the specification makes the whole exposition
/// invalid), or in the text format 0.0.4 a line longer than <see cref="ExpositionParser.MaxLineLength"/>. The message
/// names the line and the rule broken.
/// </summary>
public sealed class ExpositionFormatException : FormatException
{
    /// <summary>Initializes a new instance of the <see cref="ExpositionFormatException"/> class.</summary>
    public ExpositionFormatException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ExpositionFormatException"/> class.</summary>
    /// <param name="message">The message.</param>
    public ExpositionFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ExpositionFormatException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ExpositionFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ExpositionFormatException"/> class.</summary>
    /// <param name="lineNumber">The 1-based line the error is on (0 for the end of the payload).</param>
    /// <param name="reason">What is wrong.</param>
    public ExpositionFormatException(int lineNumber, string reason)
        : base(lineNumber > 0 ? $"line {lineNumber}: {reason}" : reason)
    {
        LineNumber = lineNumber;
        Reason = reason;
    }

    /// <summary>Gets the 1-based line the error is on, or 0 when it is about the payload as a whole (a missing <c># EOF</c>).</summary>
    public int LineNumber { get; }

    /// <summary>Gets what is wrong, without the line number.</summary>
    public string? Reason { get; }
}
