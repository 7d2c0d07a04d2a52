namespace MultiAgent.Observability.Metrics.Parsing;

/// <summary>A sample of an <see cref="ExpositionDocument"/>.</summary>
public sealed class ParsedSample
{
    internal ParsedSample(string name, ExpositionSampleRole role, IReadOnlyList<KeyValuePair<string, string>> labels, double value, long? timestampMs, int lineNumber, ParsedExemplar? exemplar)
    {
        Name = name;
        Role = role;
        Labels = labels;
        Value = value;
        TimestampMs = timestampMs;
        LineNumber = lineNumber;
        Exemplar = exemplar;
    }

    /// <summary>Gets the sample name.</summary>
    public string Name { get; }

    /// <summary>Gets the sample's role in its family.</summary>
    public ExpositionSampleRole Role { get; }

    /// <summary>Gets the labels in payload order, escapes resolved.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; }

    /// <summary>Gets the value.</summary>
    public double Value { get; }

    /// <summary>Gets the timestamp in milliseconds since the epoch, or null.</summary>
    public long? TimestampMs { get; }

    /// <summary>Gets the 1-based line number.</summary>
    public int LineNumber { get; }

    /// <summary>Gets the exemplar, or null.</summary>
    public ParsedExemplar? Exemplar { get; }
}
