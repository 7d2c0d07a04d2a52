using System.Text;

namespace MultiAgent.Observability.Metrics.Exposition;

/// <summary>
/// Writes what an <see cref="IMetricReader"/> has aggregated in the Prometheus text format 0.0.4 or in OpenMetrics 1.0.0:
/// one group per family, families sorted by name and series by their labels, <c># HELP</c> and <c># TYPE</c> first,
/// counters as <c>_total</c>, every series with its <c>agent_id</c> label, UTF-8 without a BOM, LF line ends, no timestamps.
/// Families with no aggregated sample yet are left out.
/// </summary>
/// <remarks>
/// Counters are exported as counters, not as gauges. Numbers are formatted as Prometheus' Go clients do
/// (<c>1e+06</c>, <c>0.005</c>, <c>NaN</c>, <c>+Inf</c>); in OpenMetrics integral floats get <c>.0</c> (<c>le="1.0"</c>).
/// Each series' label set is encoded once, when the series first appears; a scrape reads every aggregate into one
/// reused value and copies bytes into a pooled buffer, written to the stream in chunks: nothing is allocated per series.
/// Prometheus rejects a whole scrape over one clash, so what would clash is left out instead: a family whose sample
/// names another family already wrote (counter <c>x</c> and gauge <c>x_total</c>: the family sorted first wins), and
/// a histogram series with its own <c>le</c> label or a summary series with its own <c>quantile</c> label.
/// </remarks>
public static class PrometheusExpositionWriter
{
    /// <summary>The content type of <see cref="ExpositionFormat.PrometheusText004"/>.</summary>
    public const string PrometheusTextContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The content type of <see cref="ExpositionFormat.OpenMetrics100"/>.</summary>
    public const string OpenMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private const int ChunkSize = 32 * 1024;

    /// <summary>Gets the HTTP content type of a format.</summary>
    /// <param name="format">The format.</param>
    /// <returns><see cref="PrometheusTextContentType"/> or <see cref="OpenMetricsContentType"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The format is not defined.</exception>
    public static string GetContentType(ExpositionFormat format) => format switch
    {
        ExpositionFormat.PrometheusText004 => PrometheusTextContentType,
        ExpositionFormat.OpenMetrics100 => OpenMetricsContentType,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown exposition format."),
    };

    /// <summary>
    /// Negotiates the format for a scrape from its HTTP <c>Accept</c> header, or finds that none is acceptable (an
    /// HTTP server answers 406 then). Each format takes the q value of the most specific media range matching it
    /// (<c>text/plain;version=0.0.4</c>, then <c>text/plain</c>, <c>text/*</c>, <c>*/*</c>; likewise for
    /// <c>application/openmetrics-text;version=1.0.0</c>); q=0 refuses it, other versions do not match.
    /// OpenMetrics is chosen when its q is higher than the text format's, or equal and
    /// <c>application/openmetrics-text</c> is named; otherwise the 0.0.4 text format when its q is above zero.
    /// A missing, empty or unparsable header gives the 0.0.4 text format, as Prometheus' client libraries do.
    /// </summary>
    /// <param name="acceptHeader">The <c>Accept</c> header (several header lines joined with commas), for example Prometheus'
    /// <c>application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1</c>.</param>
    /// <param name="format">The format to write; <see cref="ExpositionFormat.PrometheusText004"/> when none is acceptable.</param>
    /// <returns><see langword="true"/> when a format is acceptable; <see langword="false"/> when the header accepts neither
    /// (such as <c>application/json</c> or <c>text/plain;q=0</c>).</returns>
    public static bool TryNegotiateFormat(string? acceptHeader, out ExpositionFormat format) =>
        ContentNegotiation.TryNegotiate(acceptHeader, out format);

    /// <summary>
    /// Picks the format for a scrape from its HTTP <c>Accept</c> header as <see cref="TryNegotiateFormat"/> does, with
    /// the 0.0.4 text format also when the header accepts neither format.
    /// </summary>
    /// <param name="acceptHeader">The <c>Accept</c> header.</param>
    /// <returns>The format to write.</returns>
    public static ExpositionFormat SelectFormat(string? acceptHeader) =>
        ContentNegotiation.TryNegotiate(acceptHeader, out var format) ? format : ExpositionFormat.PrometheusText004;

    /// <summary>Writes the exposition to a stream, which is left open.</summary>
    /// <param name="reader">The pipeline to read; call <see cref="IMetricReader.FlushAsync"/> first to include samples still in flight.</param>
    /// <param name="stream">The destination.</param>
    /// <param name="format">The format.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when everything is written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The format is not defined.</exception>
    public static async Task WriteAsync(IMetricReader reader, Stream stream, ExpositionFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(stream);
        var serializer = ExpositionSerializer.For(format);
        var snapshot = CreateSnapshot(reader);
        using var buffer = new ExpositionBuffer(ChunkSize + 4096);
        while (snapshot.MoveNextFamily())
        {
            serializer.WriteFamily(buffer, snapshot);
            if (buffer.Length >= ChunkSize)
            {
                await stream.WriteAsync(buffer.Written, cancellationToken).ConfigureAwait(false);
                buffer.Clear();
            }
        }

        serializer.WriteEnd(buffer);
        await stream.WriteAsync(buffer.Written, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the exposition to a string.</summary>
    /// <param name="reader">The pipeline to read; call <see cref="IMetricReader.FlushAsync"/> first to include samples still in flight.</param>
    /// <param name="format">The format.</param>
    /// <returns>The exposition text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The format is not defined.</exception>
    public static string Write(IMetricReader reader, ExpositionFormat format)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var serializer = ExpositionSerializer.For(format);
        var snapshot = CreateSnapshot(reader);
        using var buffer = new ExpositionBuffer(4096);
        while (snapshot.MoveNextFamily())
        {
            serializer.WriteFamily(buffer, snapshot);
        }

        serializer.WriteEnd(buffer);
        return Encoding.UTF8.GetString(buffer.Written.Span);
    }

    /// <summary>Reads the pipeline through its allocation-free source; any other reader through its public API.</summary>
    private static ExpositionSnapshot CreateSnapshot(IMetricReader reader)
    {
        if (reader is MetricPipeline pipeline)
        {
            IExpositionSource source = pipeline.ReadSide;
            return new ExpositionSnapshot(source, ExpositionLayout.For(source));
        }

        var listed = new MetricReaderSource(reader);
        return new ExpositionSnapshot(listed, ExpositionLayout.Build(listed, listed.SeriesCount));
    }
}
