namespace MultiAgent.Observability.Metrics.Parsing;

/// <summary>A bad line in a text format 0.0.4 exposition: it is skipped and the rest of the payload is used.</summary>
public sealed class ExpositionError
{
    internal ExpositionError(int lineNumber, string message)
    {
        LineNumber = lineNumber;
        Message = message;
    }

    /// <summary>Gets the 1-based line number.</summary>
    public int LineNumber { get; }

    /// <summary>Gets what is wrong with the line.</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public override string ToString() => $"line {LineNumber}: {Message}";
}
