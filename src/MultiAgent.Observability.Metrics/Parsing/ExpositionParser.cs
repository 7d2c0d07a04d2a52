using System.Buffers;
using System.IO.Pipelines;
using MultiAgent.Observability.Metrics.Exposition;

namespace MultiAgent.Observability.Metrics.Parsing;

/// <summary>
/// A streaming parser for the Prometheus text format 0.0.4 and OpenMetrics 1.0: reads a <see cref="Stream"/>,
/// <see cref="PipeReader"/> or byte span line by line and hands every family and sample to an
/// <see cref="IExpositionSink"/>; the payload is never held as a whole or turned into a string.
/// </summary>
/// <remarks>
/// <para>Text format 0.0.4: a bad line is reported (<see cref="ExpositionParseResult.Errors"/>, with its line number)
/// and skipped; the rest is used. OpenMetrics: the first error, or a missing <c># EOF</c>, throws
/// <see cref="ExpositionFormatException"/>, because the specification makes the whole exposition invalid.</para>
/// <para>Handled: <c># HELP</c> (with each format's escapes), <c># TYPE</c>, <c># UNIT</c>, label escapes, <c>NaN</c>
/// and ±<c>Inf</c>, timestamps (milliseconds in 0.0.4, seconds in OpenMetrics, both reported in milliseconds),
/// <c>_total</c>, <c>_created</c>, histograms, gauge histograms, summaries, exemplars and <c># EOF</c>. Checked: the
/// order of metadata and samples, families not interleaved, duplicate series, bucket order, <c>+Inf</c> bucket present
/// and equal to <c>_count</c>, <c>le</c> and <c>quantile</c> labels, the unit suffix, counter totals.</para>
/// <para>An instance keeps its buffers and name cache between parses, so parsing the same target again allocates
/// nothing per sample. It is not thread-safe: use one per concurrent parse.</para>
/// </remarks>
public sealed partial class ExpositionParser
{
    /// <summary>The default of <see cref="MaxLineLength"/>: 1 MiB.</summary>
    public const int DefaultMaxLineLength = 1 << 20;

    /// <summary>Gets the longest line accepted, in bytes; a longer one ends the parse with <see cref="ExpositionFormatException"/>, which bounds memory on a payload without line ends.</summary>
    /// <value>The default value is <see cref="DefaultMaxLineLength"/> (1 MiB).</value>
    public int MaxLineLength { get; init; } = DefaultMaxLineLength;

    /// <summary>Gets how many bad lines a result keeps (all are counted).</summary>
    /// <value>The default value is 100.</value>
    public int MaxErrors { get; init; } = 100;

    /// <summary>Gets the most labels one sample may have; a sample with more is a bad line.</summary>
    /// <value>The default value is 128.</value>
    public int MaxLabels { get; init; } = 128;

    /// <summary>Picks the format of a response from its <c>Content-Type</c>: OpenMetrics for <c>application/openmetrics-text</c>, otherwise the text format 0.0.4 (Prometheus' fallback).</summary>
    /// <param name="contentType">The <c>Content-Type</c> header, or null.</param>
    /// <returns>The format.</returns>
    public static ExpositionFormat GetFormat(string? contentType) =>
        contentType is not null && contentType.TrimStart().StartsWith("application/openmetrics-text", StringComparison.OrdinalIgnoreCase)
            ? ExpositionFormat.OpenMetrics100
            : ExpositionFormat.PrometheusText004;

    /// <summary>Parses a payload held in memory.</summary>
    /// <param name="payload">The UTF-8 payload.</param>
    /// <param name="format">The format.</param>
    /// <param name="sink">Receives families and samples.</param>
    /// <returns>What was read.</returns>
    /// <exception cref="ExpositionFormatException">The OpenMetrics exposition is invalid, or a line is longer than <see cref="MaxLineLength"/>.</exception>
    public ExpositionParseResult Parse(ReadOnlySpan<byte> payload, ExpositionFormat format, IExpositionSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        Begin(format, sink);
        while (!payload.IsEmpty)
        {
            var end = payload.IndexOf((byte)'\n');
            var line = end < 0 ? payload : payload[..end];
            CheckLength(line.Length);
            ProcessLine(line);
            _bytes += end < 0 ? line.Length : end + 1;
            payload = end < 0 ? default : payload[(end + 1)..];
        }

        return End();
    }

    /// <summary>Parses a stream to its end without reading it whole into memory; the stream is left open.</summary>
    /// <param name="stream">The payload.</param>
    /// <param name="format">The format.</param>
    /// <param name="sink">Receives families and samples.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>What was read.</returns>
    /// <exception cref="ExpositionFormatException">The OpenMetrics exposition is invalid, or a line is longer than <see cref="MaxLineLength"/>.</exception>
    public async Task<ExpositionParseResult> ParseAsync(Stream stream, ExpositionFormat format, IExpositionSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
        try
        {
            return await ParseAsync(reader, format, sink, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Parses what a pipe reader yields until it completes; the reader is not completed.</summary>
    /// <param name="reader">The payload.</param>
    /// <param name="format">The format.</param>
    /// <param name="sink">Receives families and samples.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>What was read.</returns>
    /// <exception cref="ExpositionFormatException">The OpenMetrics exposition is invalid, or a line is longer than <see cref="MaxLineLength"/>.</exception>
    public async Task<ExpositionParseResult> ParseAsync(PipeReader reader, ExpositionFormat format, IExpositionSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sink);
        Begin(format, sink);
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            var consumed = ProcessLines(buffer, read.IsCompleted);
            reader.AdvanceTo(consumed, buffer.End);
            if (read.IsCompleted || read.IsCanceled)
            {
                break;
            }
        }

        return End();
    }

    private SequencePosition ProcessLines(ReadOnlySequence<byte> buffer, bool final)
    {
        while (true)
        {
            var newline = buffer.PositionOf((byte)'\n');
            if (newline is null)
            {
                CheckLength(buffer.Length);
                if (final && !buffer.IsEmpty)
                {
                    ProcessSegmented(buffer);
                    _bytes += buffer.Length;
                    return buffer.End;
                }

                return buffer.Start;
            }

            var line = buffer.Slice(0, newline.Value);
            CheckLength(line.Length);
            ProcessSegmented(line);
            _bytes += line.Length + 1;
            buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
        }
    }

    private void ProcessSegmented(in ReadOnlySequence<byte> line)
    {
        if (line.IsSingleSegment)
        {
            ProcessLine(line.FirstSpan);
            return;
        }

        var length = (int)line.Length;
        if (_joined.Length < length)
        {
            _joined = new byte[Math.Max(length, _joined.Length * 2)];
        }

        line.CopyTo(_joined);
        ProcessLine(_joined.AsSpan(0, length));
    }

    private void CheckLength(long length)
    {
        if (length > MaxLineLength)
        {
            throw new ExpositionFormatException(_lineNumber + 1, $"the line is longer than {MaxLineLength} bytes (ExpositionParser.MaxLineLength)");
        }
    }
}
