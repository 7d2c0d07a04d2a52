namespace MultiAgent.Observability.Metrics.Exposition;

/// <summary>
/// Writes a scrape's families in one text format: <c># HELP</c> and <c># TYPE</c>, then each series' lines, from the
/// family and series cursor. What both formats share is here; what differs (number layout, help escaping, the counter
/// family's name, the histogram's sum and count, the end marker) is decided by the format's serializer.
/// </summary>
internal abstract class ExpositionSerializer
{
    private const string TotalSuffix = "_total";

    private readonly bool _canonicalNumbers;

    /// <param name="canonicalNumbers">Whether integral floats get <c>.0</c> (<c>le="1.0"</c>), as OpenMetrics requires.</param>
    protected ExpositionSerializer(bool canonicalNumbers) => _canonicalNumbers = canonicalNumbers;

    /// <summary>Gets the serializer of a format.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The format is not defined.</exception>
    public static ExpositionSerializer For(ExpositionFormat format) => format switch
    {
        ExpositionFormat.PrometheusText004 => PrometheusTextSerializer.Instance,
        ExpositionFormat.OpenMetrics100 => OpenMetricsSerializer.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown exposition format."),
    };

    /// <summary>Gets whether help text escapes <c>"</c> too.</summary>
    protected abstract bool EscapeQuotesInHelp { get; }

    /// <summary>Gets what a counter family's <c># HELP</c> and <c># TYPE</c> name adds to the name without <c>_total</c>.</summary>
    protected abstract ReadOnlySpan<byte> CounterFamilySuffix { get; }

    /// <summary>Writes what ends an exposition.</summary>
    public abstract void WriteEnd(ExpositionBuffer buffer);

    /// <summary>Writes the cursor's current family and its series that have a value; nothing when none has.</summary>
    /// <returns>Whether anything was written.</returns>
    public bool WriteFamily(ExpositionBuffer buffer, ExpositionSnapshot snapshot)
    {
        if (!snapshot.MoveNextSeries())
        {
            return false;
        }

        var family = snapshot.Family;
        var name = snapshot.FamilyName;
        if (family.Kind == MetricKind.Counter)
        {
            // The sample is always <stem>_total; the family name differs by format.
            if (name.Length > TotalSuffix.Length && name.EndsWith("_total"u8))
            {
                name = name[..^TotalSuffix.Length];
            }

            WriteHelpAndType(buffer, family, name, CounterFamilySuffix);
            do
            {
                WriteSample(buffer, name, "_total"u8, snapshot.Labels, snapshot.Value.Value);
            }
            while (snapshot.MoveNextSeries());
            return true;
        }

        WriteHelpAndType(buffer, family, name, default);
        do
        {
            ref readonly var value = ref snapshot.Value;
            switch (family.Kind)
            {
                case MetricKind.Gauge:
                    WriteSample(buffer, name, default, snapshot.Labels, value.Value);
                    break;
                case MetricKind.Histogram:
                    WriteHistogram(buffer, name, snapshot.Labels, value);
                    break;
                default:
                    WriteSummary(buffer, name, snapshot.Labels, value);
                    break;
            }
        }
        while (snapshot.MoveNextSeries());
        return true;
    }

    /// <summary>Gets whether a histogram's <c>_sum</c> and <c>_count</c> lines are written.</summary>
    protected virtual bool WritesSumAndCount(in SeriesValue histogram) => true;

    private void WriteHelpAndType(ExpositionBuffer buffer, MetricDescription family, ReadOnlySpan<byte> name, ReadOnlySpan<byte> suffix)
    {
        buffer.Write("# HELP "u8);
        buffer.Write(name);
        buffer.Write(suffix);
        buffer.Write((byte)' ');
        if (family.Help is { } help)
        {
            buffer.WriteEscaped(help, EscapeQuotesInHelp);
        }
        else
        {
            // promtool lints a family without help; a generic text keeps undocumented metrics scrapable and lint-clean.
            buffer.Write("Agent metric "u8);
            buffer.WriteText(family.Name);
            buffer.Write((byte)'.');
        }

        buffer.Write("\n# TYPE "u8);
        buffer.Write(name);
        buffer.Write(suffix);
        buffer.Write(family.Kind switch
        {
            MetricKind.Counter => " counter\n"u8,
            MetricKind.Gauge => " gauge\n"u8,
            MetricKind.Histogram => " histogram\n"u8,
            _ => " summary\n"u8,
        });
    }

    private void WriteHistogram(ExpositionBuffer buffer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> labels, in SeriesValue histogram)
    {
        var hasInf = false;
        for (var i = 0; i < histogram.Length; i++)
        {
            hasInf = double.IsPositiveInfinity(histogram.Bounds[i]);

            // The +Inf bucket must equal _count; the source guarantees it, this makes it hold even for a torn read.
            WriteBucket(buffer, name, labels, histogram.Bounds[i], hasInf ? histogram.Count : histogram.BucketCounts[i]);
        }

        if (!hasInf)
        {
            WriteBucket(buffer, name, labels, double.PositiveInfinity, histogram.Count);
        }

        if (WritesSumAndCount(histogram))
        {
            WriteSumAndCount(buffer, name, labels, histogram.Sum, histogram.Count);
        }
    }

    private void WriteBucket(ExpositionBuffer buffer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> labels, double bound, long count)
    {
        WriteSeries(buffer, name, "_bucket"u8, labels);
        buffer.Write(",le=\""u8);
        buffer.Write(bound, _canonicalNumbers);
        buffer.Write("\"} "u8);
        buffer.Write(count);
        buffer.Write((byte)'\n');
    }

    private void WriteSummary(ExpositionBuffer buffer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> labels, in SeriesValue summary)
    {
        for (var i = 0; i < summary.Length; i++)
        {
            WriteSeries(buffer, name, default, labels);
            buffer.Write(",quantile=\""u8);
            buffer.Write(summary.Bounds[i], _canonicalNumbers);
            buffer.Write("\"} "u8);
            buffer.Write(summary.QuantileValues[i], _canonicalNumbers);
            buffer.Write((byte)'\n');
        }

        WriteSumAndCount(buffer, name, labels, summary.Sum, summary.Count);
    }

    private void WriteSumAndCount(ExpositionBuffer buffer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> labels, double sum, long count)
    {
        WriteSample(buffer, name, "_sum"u8, labels, sum);
        WriteSeries(buffer, name, "_count"u8, labels);
        buffer.Write("} "u8);
        buffer.Write(count);
        buffer.Write((byte)'\n');
    }

    private void WriteSample(ExpositionBuffer buffer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> suffix, ReadOnlySpan<byte> labels, double value)
    {
        WriteSeries(buffer, name, suffix, labels);
        buffer.Write("} "u8);
        buffer.Write(value, _canonicalNumbers);
        buffer.Write((byte)'\n');
    }

    /// <summary>Writes <c>name{labels</c>, leaving the brace open for an <c>le</c> or <c>quantile</c> label.</summary>
    private static void WriteSeries(ExpositionBuffer buffer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> suffix, ReadOnlySpan<byte> labels)
    {
        buffer.Write(name);
        buffer.Write(suffix);
        buffer.Write((byte)'{');
        buffer.Write(labels);
    }
}
