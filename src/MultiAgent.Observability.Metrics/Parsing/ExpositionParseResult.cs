namespace MultiAgent.Observability.Metrics.Parsing;

/// <summary>What one parse saw.</summary>
public sealed class ExpositionParseResult
{
    internal ExpositionParseResult(long bytes, int lines, int families, int samples, int errorCount, IReadOnlyList<ExpositionError> errors)
    {
        Bytes = bytes;
        Lines = lines;
        Families = families;
        Samples = samples;
        ErrorCount = errorCount;
        Errors = errors;
    }

    /// <summary>Gets the bytes read.</summary>
    public long Bytes { get; }

    /// <summary>Gets the lines read.</summary>
    public int Lines { get; }

    /// <summary>Gets the metric families seen (each reported once through <see cref="IExpositionSink.OnFamily"/>).</summary>
    public int Families { get; }

    /// <summary>Gets the samples delivered to the sink.</summary>
    public int Samples { get; }

    /// <summary>Gets the number of bad lines skipped (text format 0.0.4 only; OpenMetrics throws on the first).</summary>
    public int ErrorCount { get; }

    /// <summary>Gets the first bad lines, at most <see cref="ExpositionParser.MaxErrors"/>.</summary>
    public IReadOnlyList<ExpositionError> Errors { get; }
}
