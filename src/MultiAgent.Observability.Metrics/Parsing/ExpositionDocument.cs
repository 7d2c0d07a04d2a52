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
