using System.Globalization;

namespace MultiAgent.Observability.Tracing;

/// <summary>A trace file that is not OTLP JSON or Jaeger JSON, is truncated, or holds an invalid span.</summary>
public sealed class TraceFileFormatException : FormatException
{
    /// <summary>Initializes a new instance of the <see cref="TraceFileFormatException"/> class.</summary>
    public TraceFileFormatException()
    {
        Reason = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="TraceFileFormatException"/> class.</summary>
    /// <param name="message">The message.</param>
    public TraceFileFormatException(string message)
        : base(message)
    {
        Reason = message;
    }

    /// <summary>Initializes a new instance of the <see cref="TraceFileFormatException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TraceFileFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>Initializes a new instance of the <see cref="TraceFileFormatException"/> class at a position.</summary>
    /// <param name="bytePosition">The 0-based byte offset of the bad token.</param>
    /// <param name="lineNumber">The 1-based line of the bad token.</param>
    /// <param name="reason">What is wrong.</param>
    public TraceFileFormatException(long bytePosition, int lineNumber, string reason)
        : base(string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}, byte {bytePosition}: {reason}"))
    {
        BytePosition = bytePosition;
        LineNumber = lineNumber;
        Reason = reason;
    }

    /// <summary>Gets the 0-based byte offset in the file of the token that is wrong.</summary>
    public long BytePosition { get; }

    /// <summary>Gets the 1-based line of the token that is wrong (each value of an NDJSON file is one line).</summary>
    public int LineNumber { get; }

    /// <summary>Gets what is wrong, without the position.</summary>
    public string Reason { get; }
}
