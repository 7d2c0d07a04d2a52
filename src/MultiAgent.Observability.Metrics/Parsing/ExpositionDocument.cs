using MultiAgent.Observability.Metrics.Exposition;

namespace MultiAgent.Observability.Metrics.Parsing;

/// <summary>
/// A whole exposition parsed into objects: for linting a file, tests and tools. Scrapers that run often should give
/// <see cref="ExpositionParser"/> their own <see cref="IExpositionSink"/> instead, which allocates nothing per known sample.
/// </summary>
public sealed class ExpositionDocument
{
    private ExpositionDocument(IReadOnlyList<ParsedFamily> families, ExpositionParseResult result)
    {
        Families = families;
        Result = result;
    }

    /// <summary>Gets the families in payload order, each with its samples.</summary>
    public IReadOnlyList<ParsedFamily> Families { get; }

    /// <summary>Gets what the parse saw, including the bad lines of a 0.0.4 payload.</summary>
    public ExpositionParseResult Result { get; }

    /// <summary>Parses a payload held in memory.</summary>
    /// <param name="payload">The UTF-8 payload.</param>
    /// <param name="format">The format.</param>
    /// <returns>The document.</returns>
    /// <exception cref="ExpositionFormatException">The OpenMetrics exposition is invalid, or a line is too long.</exception>
    public static ExpositionDocument Parse(ReadOnlySpan<byte> payload, ExpositionFormat format)
    {
        var sink = new Collector();
        var result = new ExpositionParser().Parse(payload, format, sink);
        return new ExpositionDocument(sink.Families, result);
    }

    /// <summary>Parses a stream to its end; the stream is left open.</summary>
    /// <param name="stream">The payload.</param>
    /// <param name="format">The format.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The document.</returns>
    /// <exception cref="ExpositionFormatException">The OpenMetrics exposition is invalid, or a line is too long.</exception>
    public static async Task<ExpositionDocument> LoadAsync(Stream stream, ExpositionFormat format, CancellationToken cancellationToken = default)
    {
        var sink = new Collector();
        var result = await new ExpositionParser().ParseAsync(stream, format, sink, cancellationToken).ConfigureAwait(false);
        return new ExpositionDocument(sink.Families, result);
    }

    private sealed class Collector : IExpositionSink
    {
        private List<ParsedSample>? _samples;

        public List<ParsedFamily> Families { get; } = [];

        public void OnFamily(in ExpositionFamily family)
        {
            _samples = [];
            Families.Add(new ParsedFamily(family.NameString, family.Type, family.GetHelp(), family.GetUnit(), _samples));
        }

        public void OnSample(in ExpositionSample sample)
        {
            var labels = new KeyValuePair<string, string>[sample.LabelCount];
            for (var i = 0; i < labels.Length; i++)
            {
                labels[i] = new(sample.GetLabelNameString(i), sample.GetLabelValue(i));
            }

            ParsedExemplar? exemplar = null;
            if (sample.HasExemplar)
            {
                var exemplarLabels = new KeyValuePair<string, string>[sample.ExemplarLabelCount];
                for (var i = 0; i < exemplarLabels.Length; i++)
                {
                    exemplarLabels[i] = new(sample.GetExemplarLabelName(i), sample.GetExemplarLabelValue(i));
                }

                exemplar = new ParsedExemplar(exemplarLabels, sample.ExemplarValue, sample.ExemplarTimestampMs);
            }

            _samples!.Add(new ParsedSample(sample.GetName(), sample.Role, labels, sample.Value, sample.TimestampMs, sample.LineNumber, exemplar));
        }
    }
}

/// <summary>A metric family of an <see cref="ExpositionDocument"/>.</summary>
public sealed class ParsedFamily
{
    internal ParsedFamily(string name, ExpositionMetricType type, string? help, string? unit, IReadOnlyList<ParsedSample> samples)
    {
        Name = name;
        Type = type;
        Help = help;
        Unit = unit;
        Samples = samples;
    }

    /// <summary>Gets the family name.</summary>
    public string Name { get; }

    /// <summary>Gets the declared type.</summary>
    public ExpositionMetricType Type { get; }

    /// <summary>Gets the help text with escapes resolved, or null.</summary>
    public string? Help { get; }

    /// <summary>Gets the unit, or null.</summary>
    public string? Unit { get; }

    /// <summary>Gets the samples in payload order.</summary>
    public IReadOnlyList<ParsedSample> Samples { get; }
}

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
