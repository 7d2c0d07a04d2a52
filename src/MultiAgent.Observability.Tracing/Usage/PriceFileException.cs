namespace MultiAgent.Observability.Tracing;

/// <summary>A price file could not be loaded: names the file, the line (1-based) and the field at fault.</summary>
public sealed class PriceFileException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="PriceFileException"/> class.</summary>
    public PriceFileException()
        : this("The price file is invalid.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PriceFileException"/> class.</summary>
    /// <param name="message">The message.</param>
    public PriceFileException(string message)
        : base(message)
    {
        File = string.Empty;
        Field = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="PriceFileException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PriceFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
        Field = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="PriceFileException"/> class for a problem at a place in a file.</summary>
    /// <param name="file">The file (or source name) being loaded.</param>
    /// <param name="line">The 1-based line of the problem, or 0 when it is not on one line.</param>
    /// <param name="field">The field at fault, as a path such as <c>prices[2].inputPerMillion</c>.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The parser's exception, if any.</param>
    public PriceFileException(string file, int line, string field, string problem, Exception? innerException = null)
        : base($"{file}({line}): {field}: {problem}", innerException)
    {
        File = file;
        Line = line;
        Field = field;
    }

    /// <summary>Gets the file (or source name) being loaded.</summary>
    public string File { get; }

    /// <summary>Gets the 1-based line of the problem, or 0 when it is not on one line.</summary>
    public int Line { get; }

    /// <summary>Gets the field at fault, as a path such as <c>prices[2].inputPerMillion</c>.</summary>
    public string Field { get; }
}
