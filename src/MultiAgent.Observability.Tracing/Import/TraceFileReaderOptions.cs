namespace MultiAgent.Observability.Tracing;

/// <summary>Limits of <see cref="TraceFileReader"/>, so a hostile file cannot take unbounded memory.</summary>
public sealed class TraceFileReaderOptions
{
    /// <summary>Gets or sets the most spans read from one file; one more is an error.</summary>
    /// <value>The default value is 1,000,000.</value>
    public int MaxSpans { get; set; } = 1_000_000;

    /// <summary>Gets or sets the longest single JSON token (a string such as an attribute value) in bytes; the read buffer never grows past it.</summary>
    /// <value>The default value is 16 MiB.</value>
    public int MaxTokenBytes { get; set; } = 16 * 1024 * 1024;
}
