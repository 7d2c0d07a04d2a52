namespace MultiAgent.Observability.Tracing;

/// <summary>The spans read from a trace file by <see cref="TraceFileReader"/>.</summary>
public sealed class TraceFile
{
    internal TraceFile(TraceFileFormat format, IReadOnlyList<SpanData> spans)
    {
        Format = format;
        Spans = spans;
    }

    /// <summary>Gets the encoding the file was detected to hold (of its first JSON value).</summary>
    public TraceFileFormat Format { get; }

    /// <summary>Gets the spans in file order; they may belong to several traces.</summary>
    public IReadOnlyList<SpanData> Spans { get; }
}
