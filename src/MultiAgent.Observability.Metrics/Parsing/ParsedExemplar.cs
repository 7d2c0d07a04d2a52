namespace MultiAgent.Observability.Metrics.Parsing;

/// <summary>An OpenMetrics exemplar.</summary>
public sealed class ParsedExemplar
{
    internal ParsedExemplar(IReadOnlyList<KeyValuePair<string, string>> labels, double value, long? timestampMs)
    {
        Labels = labels;
        Value = value;
        TimestampMs = timestampMs;
    }

    /// <summary>Gets the exemplar's labels.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; }

    /// <summary>Gets the exemplar's value.</summary>
    public double Value { get; }

    /// <summary>Gets the exemplar's timestamp in milliseconds, or null.</summary>
    public long? TimestampMs { get; }
}
